import { buildTemplateComponents, templateParameters, validateTemplateComponents, type TemplateDefinition } from '../../../nodes/WhatsApp/builders';

const template: TemplateDefinition = {
	name: 't',
	language: 'en',
	components: [
		{ type: 'HEADER', format: 'DOCUMENT' },
		{ type: 'BODY', text: 'A {{2}} B {{1}} C {{10}}' },
		{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go', url: 'https://x/{{1}}' }, { type: 'URL', text: 'Static', url: 'https://x/' }, { type: 'COPY_CODE', text: 'Copy' }, { type: 'PHONE_NUMBER', text: 'Call' }] },
	],
};

describe('template parameters from the template\'s components', () => {
	it('derives the fields in sending order, numbering by position', () => {
		expect(templateParameters(template).map((p) => [p.key, p.required])).toEqual([
			['header.document', true],
			['body.1', true],
			['body.2', true],
			['body.10', true],
			['button[0].url', true],
			['button[2].coupon_code', true],
		]);
	});

	it('builds positional components and checks coupon code length', () => {
		const values = { 'header.document': { link: 'https://x.example/a.pdf', filename: 'a.pdf' }, 'body.1': 'one', 'body.2': 'two', 'body.10': 'ten', 'button[0].url': 'abc', 'button[2].coupon_code': 'SAVE10' };
		expect(buildTemplateComponents(template, values)).toEqual([
			{ type: 'header', parameters: [{ type: 'document', document: { link: 'https://x.example/a.pdf', filename: 'a.pdf' } }] },
			{ type: 'body', parameters: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }, { type: 'text', text: 'ten' }] },
			{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'abc' }] },
			{ type: 'button', sub_type: 'copy_code', index: '2', parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }] },
		]);
		expect(() => buildTemplateComponents(template, { ...values, 'button[2].coupon_code': 'X'.repeat(16) })).toThrow('button[2].coupon_code: at most 15 characters (got 16)');
	});

	it('validates raw components: missing buttons, wrong header type, unknown components, mixed naming', () => {
		const base = [
			{ type: 'header', parameters: [{ type: 'document', document: { id: '1' } }] },
			{ type: 'body', parameters: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }, { type: 'text', text: 'c' }] },
			{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'x' }] },
			{ type: 'button', sub_type: 'copy_code', index: 2, parameters: [{ type: 'coupon_code', coupon_code: 'x' }] },
		];
		expect(() => validateTemplateComponents(template, base)).not.toThrow();
		expect(() => validateTemplateComponents(template, base.slice(0, 3))).toThrow('button[2]: template "t" (en): button 2 (COPY_CODE "Copy") needs a parameter (Meta refuses this with 131008: Required parameter is missing)');
		expect(() => validateTemplateComponents(template, [{ type: 'header', parameters: [{ type: 'image', image: { id: '1' } }] }, ...base.slice(1)])).toThrow('header.document: template "t" (en) has a document header, got a image parameter');
		expect(() => validateTemplateComponents(template, [...base, { type: 'footer', parameters: [] }])).toThrow('footer: template "t" (en) has no footer component');
		const mixed = [base[0], { type: 'body', parameters: [{ type: 'text', text: 'a', parameter_name: 'x' }, { type: 'text', text: 'b' }, { type: 'text', text: 'c' }] }, base[2], base[3]];
		expect(() => validateTemplateComponents(template, mixed)).toThrow('body: named (parameter_name) and positional parameters must not be mixed');
	});

	it('rejects a malformed currency value', () => {
		const simple: TemplateDefinition = { name: 's', language: 'en', components: [{ type: 'BODY', text: 'Pay {{1}}' }] };
		expect(() => buildTemplateComponents(simple, { 'body.1': { currency: { fallback_value: '$1', code: 'USD', amount_1000: 1.5 } } })).toThrow('body.1.currency.amount_1000: must be an integer (amount × 1000)');
	});
});
