import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph';
import { flowIdOf } from './flowId';

/** List, get, preview URL, metrics (Meta's Flows API). */

export const FLOW_FIELDS =
	'id,name,categories,preview,status,validation_errors,json_version,data_api_version,endpoint_uri,health_status';


export async function listFlows(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): Promise<IDataObject[]> {
	const wabaId = graph.field('businessAccountId');
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	const flows: IDataObject[] = [];
	let after: string | undefined;
	do {
		const page = await graph.request<{ data?: IDataObject[]; paging?: { cursors?: { after?: string }; next?: string } }>({
			method: 'GET',
			path: `/${wabaId}/flows`,
			qs: { limit: Math.min(100, limit - flows.length), ...(after ? { after } : {}) },
			itemIndex,
		});
		flows.push(...(page.data ?? []));
		after = page.paging?.next ? page.paging.cursors?.after : undefined;
	} while (after && flows.length < limit);
	return flows.slice(0, limit);
}

export async function getFlow(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): Promise<IDataObject> {
	const fields = (ctx.getNodeParameter('fields', itemIndex, FLOW_FIELDS) as string) || FLOW_FIELDS;
	return await graph.request({ method: 'GET', path: `/${flowIdOf(ctx, itemIndex)}`, qs: { fields }, itemIndex });
}

export async function getPreviewUrl(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): Promise<IDataObject> {
	const invalidate = ctx.getNodeParameter('invalidatePreview', itemIndex, false) as boolean;
	const id = flowIdOf(ctx, itemIndex);
	const result = await graph.request<{ preview?: IDataObject }>({
		method: 'GET',
		path: `/${id}`,
		qs: { fields: `preview.invalidate(${invalidate})` },
		itemIndex,
	});
	return { id, ...(result.preview ?? {}) };
}

export async function getMetrics(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): Promise<IDataObject> {
	const id = flowIdOf(ctx, itemIndex);
	const metric = ctx.getNodeParameter('metricName', itemIndex) as string;
	const granularity = ctx.getNodeParameter('granularity', itemIndex, 'DAY') as string;
	const range = ctx.getNodeParameter('metricRange', itemIndex, {}) as { since?: string; until?: string };
	const day = (value: string | undefined, field: string) => {
		if (!value) return '';
		const date = new Date(value);
		if (Number.isNaN(date.getTime())) throw new NodeOperationError(ctx.getNode(), `${field}: "${value}" is not a date`, { itemIndex });
		return `.${field.toLowerCase()}(${date.toISOString().slice(0, 10)})`;
	};
	const field = `metric.name(${metric}).granularity(${granularity})${day(range.since, 'Since')}${day(range.until, 'Until')}`;
	const result = await graph.request<{ metric?: IDataObject }>({ method: 'GET', path: `/${id}`, qs: { fields: field }, itemIndex });
	return { id, ...(result.metric ?? {}) };
}
