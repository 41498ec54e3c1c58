import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph';
import { flowIdOf } from './flowId';
import { checkFlowJson, readFlowJson } from './flowJsonInput';

/** Create, update metadata, upload Flow JSON, publish, deprecate, delete (Meta's Flows API). */


export async function createFlow(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): Promise<IDataObject> {
	const wabaId = graph.field('businessAccountId');
	if (!wabaId) throw new NodeOperationError(ctx.getNode(), 'The credential has no WhatsApp Business Account ID', { itemIndex });
	const extra = ctx.getNodeParameter('createOptions', itemIndex, {}) as {
		endpointUri?: string;
		cloneFlowId?: string;
		publish?: boolean;
		includeFlowJson?: boolean;
		validateLocally?: boolean;
	};
	const body: IDataObject = {
		name: ctx.getNodeParameter('name', itemIndex) as string,
		categories: ctx.getNodeParameter('categories', itemIndex) as string[],
	};
	if (extra.endpointUri) body.endpoint_uri = extra.endpointUri;
	if (extra.cloneFlowId) body.clone_flow_id = extra.cloneFlowId;
	if (extra.includeFlowJson) {
		const flowJson = await readFlowJson(ctx, itemIndex);
		if (extra.validateLocally !== false) checkFlowJson(ctx, itemIndex, flowJson).assertValid();
		body.flow_json = flowJson;
		if (extra.publish) body.publish = true;
	}
	return await graph.request({ method: 'POST', path: `/${wabaId}/flows`, body, itemIndex });
}

export async function updateFlowMetadata(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): Promise<IDataObject> {
	const fields = ctx.getNodeParameter('updateFields', itemIndex, {}) as {
		name?: string;
		categories?: string[];
		endpointUri?: string;
		applicationId?: string;
	};
	const body: IDataObject = {};
	if (fields.name) body.name = fields.name;
	if (fields.categories?.length) body.categories = fields.categories;
	if (fields.endpointUri !== undefined) body.endpoint_uri = fields.endpointUri;
	if (fields.applicationId) body.application_id = fields.applicationId;
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Update Fields: choose at least one field to change', { itemIndex });
	}
	const id = flowIdOf(ctx, itemIndex);
	return { id, ...(await graph.request({ method: 'POST', path: `/${id}`, body, itemIndex })) };
}

export async function uploadFlowJson(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): Promise<IDataObject> {
	const id = flowIdOf(ctx, itemIndex);
	const flowJson = await readFlowJson(ctx, itemIndex);
	if (ctx.getNodeParameter('validateLocally', itemIndex, true) as boolean) checkFlowJson(ctx, itemIndex, flowJson).assertValid();
	const result = await graph.request({
		method: 'POST',
		path: `/${id}/assets`,
		multipart: {
			fields: { name: 'flow.json', asset_type: 'FLOW_JSON' },
			files: [{ field: 'file', data: Buffer.from(flowJson, 'utf8'), fileName: 'flow.json', mimeType: 'application/json' }],
		},
		itemIndex,
	});
	return { id, ...result };
}

export async function changeFlowStatus(
	ctx: IExecuteFunctions,
	graph: GraphClient,
	itemIndex: number,
	action: 'publish' | 'deprecate',
): Promise<IDataObject> {
	const id = flowIdOf(ctx, itemIndex);
	return { id, ...(await graph.request({ method: 'POST', path: `/${id}/${action}`, itemIndex })) };
}

/** Meta deletes only DRAFT Flows (error 139004); the status is read first to say why clearly. */
export async function deleteFlow(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): Promise<IDataObject> {
	const id = flowIdOf(ctx, itemIndex);
	const { status } = await graph.request<{ status?: string }>({ method: 'GET', path: `/${id}`, qs: { fields: 'id,status' }, itemIndex });
	if (status !== 'DRAFT') {
		throw new NodeOperationError(ctx.getNode(), `Flow ${id} is ${status ?? 'not a draft'}: only DRAFT Flows can be deleted`, {
			itemIndex,
			description: status === 'PUBLISHED' ? 'Deprecate it instead (operation "Deprecate").' : undefined,
		});
	}
	return { id, ...(await graph.request({ method: 'DELETE', path: `/${id}`, itemIndex })) };
}
