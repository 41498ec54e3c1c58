import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { connectedChatModel } from '../../generation/connectedModel';
import { FlowGenerationError, generateFlowJson } from '../../generation/generateFlowJson';
import type { OperationExecute } from '../common/run';

const show = { displayOptions: { show: { operation: ['generate'] } } };

/**
 * Generate Flow JSON: a chat model (the node's Chat Model input) writes Flow JSON from a
 * description; the package's validator checks it and hands the problems back for repair.
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'flowDescription',
		type: 'string',
		typeOptions: { rows: 5 },
		required: true,
		default: '',
		placeholder: 'Two screens: ask for name and email, then a summary with a Confirm button',
		description: 'What the Flow should do, screen by screen if you like',
		...show,
	},
	{
		displayName: 'Screen Data (JSON)',
		name: 'screenData',
		type: 'json',
		default: '',
		description: 'Optional. Data your endpoint will provide to the screens, with example values; the Flow declares and shows it.',
		...show,
	},
	{
		displayName: 'Flow JSON Version',
		name: 'flowJsonVersion',
		type: 'string',
		default: '7.2',
		...show,
	},
	{
		displayName: 'Maximum Repairs',
		name: 'maxRepairs',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 5 },
		default: 2,
		description: 'How many times invalid Flow JSON goes back to the model with its problems',
		...show,
	},
];

export const execute: OperationExecute = async function (_run, itemIndex) {
	const ask = await connectedChatModel(this, itemIndex);
	const screenData = readScreenData(this.getNodeParameter('screenData', itemIndex, ''), (message) => {
		throw new NodeOperationError(this.getNode(), message, { itemIndex });
	});
	try {
		const generated = await generateFlowJson(
			ask,
			{
				description: this.getNodeParameter('flowDescription', itemIndex) as string,
				screenData,
				version: this.getNodeParameter('flowJsonVersion', itemIndex, '7.2') as string,
			},
			this.getNodeParameter('maxRepairs', itemIndex, 2) as number,
		);
		return { flowJson: generated.flowJson as IDataObject, attempts: generated.attempts, repairs: generated.repairs as unknown as IDataObject[] };
	} catch (error) {
		if (error instanceof FlowGenerationError) {
			throw new NodeOperationError(this.getNode(), error.message, {
				itemIndex,
				description: 'Describe the Flow more precisely, allow more repairs, or try a stronger model.',
			});
		}
		// The model's own failure (unreachable, refused, rate-limited) as n8n shows node errors.
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex, message: `The chat model failed: ${(error as Error).message}` });
	}
};

/** Screen Data: a JSON object or text (the field's value), or nothing. */
function readScreenData(value: unknown, fail: (message: string) => never): unknown {
	if (typeof value !== 'string') return value ?? undefined;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		return fail(`Screen Data: not valid JSON (${(error as Error).message})`);
	}
}
