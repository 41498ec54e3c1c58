import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { validateFlowJson } from '../../flowJsonValidation';

/** The operations that read a Flow JSON. */
const READ_FLOW_JSON = ['uploadJson', 'validate', 'create'];

/** Where the Flow JSON comes from: a field or an n8n binary property. */
export const flowJsonSourceProperties: INodeProperties[] = [
	{
		displayName: 'Flow JSON Source',
		name: 'flowJsonSource',
		type: 'options',
		default: 'field',
		options: [
			{ name: 'Field', value: 'field' },
			{ name: 'Binary File', value: 'binary' },
		],
		displayOptions: { show: { operation: READ_FLOW_JSON } },
	},
	{
		displayName: 'Flow JSON',
		name: 'flowJson',
		type: 'json',
		default: '{\n  "version": "7.2",\n  "screens": []\n}',
		displayOptions: { show: { operation: READ_FLOW_JSON, flowJsonSource: ['field'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the input binary field that holds the Flow JSON file',
		displayOptions: { show: { operation: READ_FLOW_JSON, flowJsonSource: ['binary'] } },
	},
];

/** The Flow JSON of an item: from the "Flow JSON" field or an n8n binary property. */
export async function readFlowJson(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const source = ctx.getNodeParameter('flowJsonSource', itemIndex, 'field') as 'field' | 'binary';
	if (source === 'binary') {
		const property = ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		return bytes.toString('utf8');
	}
	const value = ctx.getNodeParameter('flowJson', itemIndex, '') as unknown;
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Runs the local checks; `assertValid` fails the item with the first problems before any upload. */
export function checkFlowJson(ctx: IExecuteFunctions, itemIndex: number, flowJson: string) {
	const issues = validateFlowJson(flowJson);
	return {
		issues,
		assertValid() {
			if (issues.length === 0) return;
			const shown = issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`).join('; ');
			const more = issues.length > 5 ? ` (+${issues.length - 5} more)` : '';
			throw new NodeOperationError(ctx.getNode(), `Flow JSON is invalid: ${shown}${more}`, {
				itemIndex,
				description: 'Fix the Flow JSON, or turn off "Validate Locally First" to let Meta validate it.',
			});
		},
	};
}
