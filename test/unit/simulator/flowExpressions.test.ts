/**
 * Flow JSON's dynamic values as the chat page's Flow previewer computes them: bindings keep the
 * type of a whole reference, nested backtick expressions, If conditions and Switch branches.
 */
import { evaluateCondition, evaluateExpression, resolveBindings, switchBranch, type Lookup } from '../../../simulator/page/flowExpressions.js';

const scopes: Record<string, Record<string, unknown>> = {
	data: { name: 'Ada', price: 12.5, tags: ['a', 'b'], nested: { city: 'London' } },
	form: { qty: '3', agree: true, photos: [{ media_id: 'm1' }] },
};
const lookup: Lookup = (scope, path) => path.split('.').reduce<any>((value, key) => (value == null ? undefined : value[key]), scopes[scope]);

describe('Flow bindings', () => {
	it('keeps the type of a whole-string reference and fills references inside text', () => {
		expect(resolveBindings('${form.photos}', lookup)).toEqual([{ media_id: 'm1' }]);
		expect(resolveBindings('${data.tags}', lookup)).toEqual(['a', 'b']);
		expect(resolveBindings('Hi ${data.name} from ${data.nested.city}${data.missing}', lookup)).toBe('Hi Ada from London');
		expect(resolveBindings({ payload: { q: '${form.qty}', list: ['${data.name}'] } }, lookup)).toEqual({ payload: { q: '3', list: ['Ada'] } });
	});

	it('evaluates nested expressions in backticks: concatenation and math', () => {
		expect(resolveBindings("`'Hello ' ${data.name}`", lookup)).toBe('Hello Ada');
		expect(resolveBindings('`${data.price} * ${form.qty}`', lookup)).toBe(37.5);
		expect(evaluateExpression('(1 + 2) * 3 - 4 / 2 % 3', lookup)).toBe(7);
		expect(evaluateExpression('-${data.price} + 1', lookup)).toBe(-11.5);
	});
});

describe('If conditions', () => {
	it.each([
		['${form.agree}', true],
		['!${form.agree}', false],
		["${data.name} == 'Ada' && ${form.qty} > 2", true],
		["${data.name} != 'Ada' || ${form.qty} >= 4", false],
		['(${form.qty} == 3) && !(${data.price} < 10)', true],
		['${data.missing}', false],
	])('%s → %s', (source, expected) => {
		expect(evaluateCondition(source, lookup)).toBe(expected);
	});

	it('is false, not an exception, for a condition that does not parse', () => {
		expect(evaluateCondition('${form.qty} ==', lookup)).toBe(false);
		expect(evaluateCondition('${form.qty} ? 1', lookup)).toBe(false);
		expect(() => evaluateExpression('(1', lookup)).toThrow('missing )');
	});
});

describe('Switch', () => {
	const component = { value: '${data.name}', cases: { Ada: [{ type: 'TextBody', text: 'A' }], Grace: [] } };
	it('picks the case named by the value, none when no case matches', () => {
		expect(switchBranch(component, lookup)).toEqual([{ type: 'TextBody', text: 'A' }]);
		expect(switchBranch({ ...component, value: 'Linus' }, lookup)).toEqual([]);
	});
});
