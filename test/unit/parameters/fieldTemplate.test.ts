import { parseFieldTemplate, renderFieldTemplate } from '../../../nodes/shared/parameters';

const render = (raw: string, json: unknown) => {
	const template = parseFieldTemplate(raw);
	if (!template) throw new Error(`not a field template: ${raw}`);
	return renderFieldTemplate(template, json);
};

describe('parseFieldTemplate', () => {
	test.each([
		['={{ $json.to }}', ['', ''], [['to']]],
		['={{$json.to}}', ['', ''], [['to']]],
		['=Hello {{ $json.name }}!', ['Hello ', '!'], [['name']]],
		['={{ $json.contact.phone }} / {{ $json["first name"] }}', ['', ' / ', ''], [['contact', 'phone'], ['first name']]],
		["={{ $json.list[2]['x'] }}", ['', ''], [['list', 2, 'x']]],
		['=plain text', ['plain text'], []],
	])('%s is a field template', (raw, literals, paths) => {
		expect(parseFieldTemplate(raw)).toEqual({ literals, paths });
	});

	test.each([
		['not an expression', 'to'],
		['a number', 42],
		['code', '={{ $json.to.trim() }}'],
		['another variable', '={{ $input.item.json.to }}'],
		['a whole $json', '={{ $json }}'],
		['an operator', '={{ $json.a + $json.b }}'],
		['a fallback', '={{ $json.to || "x" }}'],
		['a prototype name', '={{ $json.constructor }}'],
		['__proto__ in brackets', '={{ $json["__proto__"] }}'],
		['an unclosed brace', '=Hi {{ $json.name'],
		['a stray closing brace', '=Hi }} {{ $json.name }}'],
		['an escaped quote', '={{ $json["a\\"b"] }}'],
	])('%s is not', (_label, raw) => {
		expect(parseFieldTemplate(raw)).toBeUndefined();
	});
});

describe('renderFieldTemplate', () => {
	test('fills string fields, keeps the literal text exactly', () => {
		expect(render('=Hello {{ $json.name }}, your code is {{ $json.code.value }}.', { name: 'Zoë', code: { value: 'ΑΒ-7' } })).toBe(
			'Hello Zoë, your code is ΑΒ-7.',
		);
		expect(render('={{ $json.list[1] }}', { list: ['a', 'b'] })).toBe('b');
		expect(render('=  spaced  ', {})).toBe('  spaced  ');
	});

	test.each([
		['a number', { to: 4915112345678 }],
		['null', { to: null }],
		['an object', { to: { a: 1 } }],
		['a missing field', {}],
		['a field of a string', { to: 'abc' }, '={{ $json.to.length }}'],
		['an inherited name', Object.create({ to: 'inherited' }) as object],
		['an index past the end', { list: ['a'] }, '={{ $json.list[3] }}'],
	])('leaves %s to n8n', (_label, json, raw = '={{ $json.to }}') => {
		expect(render(raw, json)).toBeUndefined();
	});
});
