import type { INode } from 'n8n-workflow';

import { loadWorkflowFixture, runWorkflow, type WorkflowJson } from '../../support/harness';

// n8n's own flow nodes, loaded from the pinned runtime's n8n-nodes-base, run by the same engine.
const node = (name: string, type: string, typeVersion: number, parameters: INode['parameters'] = {}): INode => ({
	id: name,
	name,
	type: `n8n-nodes-base.${type}`,
	typeVersion,
	position: [0, 0],
	parameters,
});
const chain = (...names: string[]): WorkflowJson['connections'] =>
	Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));

describe('built-in nodes from the pinned n8n', () => {
	test('Edit Fields, If and Switch route items with expressions as in n8n', async () => {
		const result = await runWorkflow({
			workflow: loadWorkflowFixture('built-in-flow'),
			input: [
				{ name: 'Ann', vip: true, lang: 'en' },
				{ name: 'Bernd', vip: false, lang: 'de' },
				{ name: 'Chloé', vip: false, lang: 'fr' },
			],
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.output('Edit Fields').map((item) => item.greeting)).toEqual(['Hi Ann', 'Hi Bernd', 'Hi Chloé']);
		expect(result.output('VIP').map((item) => item.name)).toEqual(['Ann']);
		expect(result.output('German')).toEqual([{ name: 'Bernd', vip: false, lang: 'de', greeting: 'Hi Bernd' }]);
		expect(result.output('Other').map((item) => item.name)).toEqual(['Chloé']);
		expect(result.outputs('By language')).toHaveLength(2);
	});

	test("mode 'manual' runs the Manual Trigger's own trigger function", async () => {
		const result = await runWorkflow({
			workflow: { nodes: [node('Trigger', 'manualTrigger', 1), node('Next', 'noOp', 1)], connections: chain('Trigger', 'Next') },
			mode: 'manual',
		});

		expect(result.status).toBe('success');
		expect(result.output('Next')).toEqual([{}]);
	});

	test('Stop and Error ends the run with its message', async () => {
		const result = await runWorkflow({
			workflow: {
				nodes: [node('Trigger', 'manualTrigger', 1), node('Stop', 'stopAndError', 1, { errorMessage: '=No contact for {{ $json.phone }}' })],
				connections: chain('Trigger', 'Stop'),
			},
			input: [{ phone: '+4915100000000' }],
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('No contact for +4915100000000');
		expect(result.nodeError('Stop')?.message).toBe('No contact for +4915100000000');
	});

	test('Filter, Split Out and Merge (append) work', async () => {
		const result = await runWorkflow({
			workflow: {
				nodes: [
					node('Trigger', 'manualTrigger', 1),
					node('Split', 'splitOut', 1, { fieldToSplitOut: 'contacts', options: {} }),
					node('Only adults', 'filter', 2.2, {
						conditions: {
							options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
							conditions: [{ id: 'f1', leftValue: '={{ $json.age }}', rightValue: 18, operator: { type: 'number', operation: 'gte' } }],
							combinator: 'and',
						},
						options: {},
					}),
					node('Merge', 'merge', 3.1, {}),
				],
				connections: {
					...chain('Trigger', 'Split', 'Only adults', 'Merge'),
					Trigger: { main: [[{ node: 'Split', type: 'main', index: 0 }, { node: 'Merge', type: 'main', index: 1 }]] },
				},
			},
			input: [{ contacts: [{ age: 17 }, { age: 30 }, { age: 18 }] }],
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Split')).toEqual([{ age: 17 }, { age: 30 }, { age: 18 }]);
		expect(result.output('Only adults')).toEqual([{ age: 30 }, { age: 18 }]);
		expect(result.output('Merge')).toEqual([{ age: 30 }, { age: 18 }, { contacts: [{ age: 17 }, { age: 30 }, { age: 18 }] }]);
	});
});
