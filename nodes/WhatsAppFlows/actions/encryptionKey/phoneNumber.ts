import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph';

/** The phone number whose business encryption key is read or uploaded. */
export const phoneNumberIdProperty: INodeProperties = {
	displayName: 'Phone Number ID',
	name: 'phoneNumberId',
	type: 'string',
	default: '',
	description: 'Empty means the default phone number ID of the credential',
	displayOptions: { show: { operation: ['uploadPublicKey', 'getPublicKey'] } },
};

export function phoneNumberIdOf(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): string {
	const id = (ctx.getNodeParameter('phoneNumberId', itemIndex, '') as string).trim() || graph.field('phoneNumberId');
	if (!id) throw new NodeOperationError(ctx.getNode(), 'Phone Number ID: empty, and the credential has no default', { itemIndex });
	return id;
}
