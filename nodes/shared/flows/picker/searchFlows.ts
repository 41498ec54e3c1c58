import { NodeOperationError, type ILoadOptionsFunctions, type INodeListSearchResult } from 'n8n-workflow';

import { GraphClient, segment } from '../../graph';

interface FlowSummary {
	id: string;
	name?: string;
	status?: string;
	categories?: string[];
}

const PAGE_SIZE = 100;

/**
 * The Flow picker's list: the WABA's Flows as "name · STATUS · CATEGORY, …", a page at a time
 * (the editor asks for the next page with the token). Meta's list cannot filter, so the search
 * text is matched here against name, ID, status and categories, page by page.
 */
export async function searchFlows(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const graph = await GraphClient.create(this, 'chatflowWhatsAppApi', { retry: { maxRetries: 1 } });
	const waba = graph.field('businessAccountId');
	if (!waba) throw new NodeOperationError(this.getNode(), 'Set "WhatsApp Business Account ID" in the credential to list its Flows');
	const page = await graph.request<{ data?: FlowSummary[]; paging?: { cursors?: { after?: string }; next?: string } }>({
		method: 'GET',
		path: `/${segment(waba)}/flows`,
		qs: { fields: 'id,name,status,categories', limit: PAGE_SIZE, ...(paginationToken ? { after: paginationToken } : {}) },
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const matches = (flow: FlowSummary) =>
		!needle || [flow.id, flow.name ?? '', flow.status ?? '', ...(flow.categories ?? [])].some((text) => text.toLowerCase().includes(needle));
	return {
		results: (page.data ?? []).filter(matches).map((flow) => ({
			name: [flow.name ?? flow.id, flow.status, (flow.categories ?? []).join(', ')].filter(Boolean).join(' · '),
			value: flow.id,
		})),
		paginationToken: page.paging?.next ? page.paging.cursors?.after : undefined,
	};
}
