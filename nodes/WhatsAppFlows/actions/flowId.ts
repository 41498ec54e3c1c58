import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** The "Flow ID" parameter, checked before any request (Flow IDs are digits). */
export function flowIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = String(ctx.getNodeParameter('flowId', itemIndex, '')).trim();
	if (!/^\d+$/.test(id)) throw new NodeOperationError(ctx.getNode(), `Flow ID: "${id}" is not a Flow ID (digits only)`, { itemIndex });
	return id;
}
