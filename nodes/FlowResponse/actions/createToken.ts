import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../shared/actions';
import { createFlowToken } from '../../shared/flows';
import { secretOf, type FlowResponseRun } from './tokenSecret';

const show = { operation: ['createToken'] };

/** Create Flow Token: a signed, expiring token carrying a small context, added to the item. */
export const description: INodeProperties[] = [
	{
		displayName: 'Context (JSON)',
		name: 'context',
		type: 'json',
		default: '{}',
		description: 'Small JSON carried by the token, e.g. {"contact": "...", "journey": "..."}. Readable by anyone: no secrets.',
		displayOptions: { show },
	},
	{
		displayName: 'Expires In (Seconds)',
		name: 'expiresIn',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 86400,
		displayOptions: { show },
	},
];

export const execute: OperationExecute<FlowResponseRun> = async function (run, itemIndex) {
	const raw = this.getNodeParameter('context', itemIndex, '{}') as unknown;
	let context: unknown = raw;
	if (typeof raw === 'string') {
		try {
			context = JSON.parse(raw === '' ? '{}' : raw);
		} catch {
			throw new NodeOperationError(this.getNode(), 'Context (JSON): is not valid JSON', { itemIndex });
		}
	}
	if (typeof context !== 'object' || context === null || Array.isArray(context)) {
		throw new NodeOperationError(this.getNode(), 'Context (JSON): must be a JSON object', { itemIndex });
	}
	const ttl = this.getNodeParameter('expiresIn', itemIndex, 86400) as number;
	try {
		return { ...this.getInputData()[itemIndex].json, flowToken: createFlowToken(secretOf(run), context as IDataObject, ttl) };
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
};
