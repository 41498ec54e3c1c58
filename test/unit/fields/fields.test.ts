import { jsonObject, optionalText, parseJsonText, requireText, unique } from '../../../nodes/shared/fields';

/** toThrow with a string matches a substring; these messages are asserted whole. */
function exact(message: string): RegExp {
	return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

describe('shared field checks', () => {
	it('takes numbers and booleans as text (n8n expressions yield them) and refuses objects by name', () => {
		expect(requireText('body.1', 42)).toBe('42');
		expect(optionalText('location.name', false)).toBe('false');
		expect(() => requireText('body.1', { a: 1 })).toThrow(exact('body.1: must be text'));
		expect(() => requireText('body.1', '  ')).toThrow(exact('body.1: is required'));
	});

	it('leaves optional text without a limit unbounded, and empty as undefined', () => {
		expect(optionalText('image.filename', 'f'.repeat(5000))).toHaveLength(5000);
		expect(optionalText('image.filename', '')).toBeUndefined();
	});

	it('reads a JSON object from an object or from JSON text, naming the field when it is neither', () => {
		expect(jsonObject('data', { a: 1 })).toEqual({ a: 1 });
		expect(jsonObject('data', '{"a":1}')).toEqual({ a: 1 });
		expect(jsonObject('data', '')).toBeUndefined();
		expect(() => jsonObject('flow_action_payload.data', '[1]')).toThrow(exact('flow_action_payload.data: must be a JSON object'));
		expect(() => parseJsonText('components', '[{')).toThrow(/^components: not valid JSON \(.+\)$/);
	});

	it('names the repeated property when the key is a property name, the entry otherwise', () => {
		const buttons = [{ id: 'a' }, { id: 'b' }, { id: 'a' }];
		expect(() => unique('buttons', buttons, 'id', 'button id')).toThrow(exact('buttons[2].id: button id "a" repeats buttons[0].id'));
		expect(() => unique('list', ['x', 'x'], (value) => value, 'receiver')).toThrow(exact('list[1]: receiver "x" repeats list[0]'));
	});
});
