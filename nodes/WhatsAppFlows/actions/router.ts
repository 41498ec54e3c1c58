import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeItemsConcurrently } from '../../shared/concurrency';
import { describeGraphError, GraphClient } from '../../shared/graph';
import { generateKeyPair, getPublicKey, uploadPublicKey, validateFlowJsonOperation } from './encryption';
import { changeFlowStatus, createFlow, deleteFlow, updateFlowMetadata, uploadFlowJson } from './lifecycle';
import { getFlow, getMetrics, getPreviewUrl, listFlows } from './read';

export type FlowsOperation =
	| 'create' | 'update' | 'uploadJson' | 'publish' | 'deprecate' | 'delete'
	| 'list' | 'get' | 'preview' | 'metrics'
	| 'uploadPublicKey' | 'getPublicKey' | 'generateKeyPair' | 'validate';

/** Operations that need no Graph API call (and no credential). */
export const LOCAL_OPERATIONS: FlowsOperation[] = ['generateKeyPair', 'validate'];

export async function route(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = ctx.getNodeParameter('operation', 0) as FlowsOperation;
	const graph = LOCAL_OPERATIONS.includes(operation) ? undefined : await GraphClient.create(ctx, 'chatflowWhatsAppApi', { concurrency: 1 });
	const output = await executeItemsConcurrently(
		ctx,
		async (itemIndex): Promise<IDataObject | IDataObject[]> => {
			switch (operation) {
				case 'generateKeyPair':
					return generateKeyPair(ctx, itemIndex);
				case 'validate':
					return await validateFlowJsonOperation(ctx, itemIndex);
				case 'create':
					return await createFlow(ctx, graph!, itemIndex);
				case 'update':
					return await updateFlowMetadata(ctx, graph!, itemIndex);
				case 'uploadJson':
					return await uploadFlowJson(ctx, graph!, itemIndex);
				case 'publish':
				case 'deprecate':
					return await changeFlowStatus(ctx, graph!, itemIndex, operation);
				case 'delete':
					return await deleteFlow(ctx, graph!, itemIndex);
				case 'list':
					return await listFlows(ctx, graph!, itemIndex);
				case 'get':
					return await getFlow(ctx, graph!, itemIndex);
				case 'preview':
					return await getPreviewUrl(ctx, graph!, itemIndex);
				case 'metrics':
					return await getMetrics(ctx, graph!, itemIndex);
				case 'uploadPublicKey':
					return await uploadPublicKey(ctx, graph!, itemIndex);
				case 'getPublicKey':
					return await getPublicKey(ctx, graph!, itemIndex);
			}
		},
		{ concurrency: 1, describeError: describeGraphError },
	);
	return [output];
}
