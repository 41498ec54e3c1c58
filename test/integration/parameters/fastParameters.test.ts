import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType } from 'n8n-workflow';

import { withFastParameters } from '../../../nodes/shared/parameters';
import { runWorkflow } from '../../support/harness';

// Every expression below is evaluated twice for every item inside n8n's real engine: by n8n's own
// getNodeParameter and by the fast one. They must agree, value and type, error for error.
const expressions: Record<string, string> = {
	whole: '={{ $json.to }}',
	template: '=Hello {{ $json.name }}, order {{ $json.order.id }}!',
	tight: '={{$json.to}}',
	brackets: "={{ $json['first name'] }}/{{ $json[\"to\"] }}",
	index: '={{ $json.tags[1] }}',
	literal: '=no fields here',
	code: '={{ $json.to.slice(2) }}',
	missing: '={{ $json.nothing }}',
	spaces: '=  {{ $json.name }}  ',
};

const stringProperties: INodeProperties[] = Object.keys(expressions).map((name) => ({ displayName: name, name, type: 'string', default: '' }));
const properties: INodeProperties[] = [
	...stringProperties,
	{ displayName: 'Count', name: 'count', type: 'number', default: 0 },
	{ displayName: 'Number Field', name: 'numberField', type: 'number', default: 0 },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		default: {},
		options: [{ displayName: 'Note', name: 'note', type: 'string', default: '' }],
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		modes: [{ displayName: 'ID', name: 'id', type: 'string' }],
	},
];

function attempt(read: () => unknown): unknown {
	try {
		const value = read();
		return { value, type: typeof value };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

class Probe implements INodeType {
	description = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'reads every parameter both ways',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties,
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const fast = withFastParameters(this, properties);
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const json: IDataObject = {};
			for (const name of [...Object.keys(expressions), 'count', 'numberField', 'options']) {
				json[name] = { n8n: attempt(() => this.getNodeParameter(name, i, '')), fast: attempt(() => fast.getNodeParameter(name, i, '')) } as IDataObject;
			}
			json.phone = {
				n8n: attempt(() => this.getNodeParameter('phone', i, '', { extractValue: true })),
				fast: attempt(() => fast.getNodeParameter('phone', i, '', { extractValue: true })),
			};
			// A caller that changes what it got must not change what the next item gets.
			const options = fast.getNodeParameter('options', i, {}) as IDataObject;
			json.optionsBeforeChange = { ...options };
			options.note = 'changed by item';
			json.sameContext = { getInputData: fast.getInputData().length === this.getInputData().length, node: fast.getNode().name };
			output.push({ json, pairedItem: { item: i } });
		}
		return [output];
	}
}

const inputs: IDataObject[] = [
	{ to: '4915112345678', name: 'Ann', order: { id: 'A-1' }, 'first name': 'Ann', tags: ['x', 'y'] },
	{ to: 4915112345678, name: 'Bernd', order: { id: 7 }, 'first name': 'B', tags: ['only'] },
	{ to: null, name: { nested: true }, order: null, tags: [] },
	{ to: 'ünï €', name: '', order: { id: '' }, 'first name': '', tags: ['a', ''] },
	{},
];

describe('withFastParameters agrees with n8n getNodeParameter', () => {
	test('for field references, code, constants, collections and resource locators, item by item', async () => {
		const result = await runWorkflow({
			workflow: {
				nodes: [
					{
						id: 'p',
						name: 'Probe',
						type: 'test.probe',
						typeVersion: 1,
						position: [0, 0],
						parameters: {
							...expressions,
							count: 3,
							numberField: '={{ $json.order.id }}',
							options: { note: 'fixed' },
							phone: { __rl: true, mode: 'id', value: '106540352242922' },
						},
					},
				],
				connections: {},
			},
			nodeTypes: { 'test.probe': new Probe() },
			input: inputs,
		});

		expect(result.error).toBeUndefined();
		const items = result.output('Probe');
		expect(items).toHaveLength(inputs.length);
		for (const item of items) {
			for (const [name, both] of Object.entries(item)) {
				if (name === 'optionsBeforeChange' || name === 'sameContext') continue;
				const { n8n, fast } = both as { n8n: unknown; fast: unknown };
				expect({ name, fast }).toEqual({ name, fast: n8n });
			}
			expect(item.optionsBeforeChange).toEqual({ note: 'fixed' });
			expect(item.sameContext).toEqual({ getInputData: true, node: 'Probe' });
		}
		// The cases that matter resolved to what a user expects (not merely to the same error).
		expect((items[0].template as IDataObject).fast).toEqual({ value: 'Hello Ann, order A-1!', type: 'string' });
		expect((items[1].whole as IDataObject).fast).toEqual({ value: 4915112345678, type: 'number' });
		expect((items[0].phone as IDataObject).fast).toEqual({ value: '106540352242922', type: 'string' });
		expect((items[3].brackets as IDataObject).fast).toEqual({ value: '/ünï €', type: 'string' });
	});
});
