import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/** The operations that act on one Flow, named by its ID. */
const ON_ONE_FLOW = ['update', 'uploadJson', 'publish', 'deprecate', 'delete', 'get', 'preview', 'metrics'];

export const flowIdProperty: INodeProperties = {
	displayName: 'Flow ID',
	name: 'flowId',
	type: 'string',
	default: '',
	required: true,
	displayOptions: { show: { operation: ON_ONE_FLOW } },
};

/** The "Flow ID" parameter, checked before any request (Flow IDs are digits). */
export function flowIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = String(ctx.getNodeParameter('flowId', itemIndex, '')).trim();
	if (!/^\d+$/.test(id)) throw new NodeOperationError(ctx.getNode(), `Flow ID: "${id}" is not a Flow ID (digits only)`, { itemIndex });
	return id;
}
