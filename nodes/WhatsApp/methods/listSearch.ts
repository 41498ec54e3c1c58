import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { GraphClient, segment } from '../../shared/graph';

async function wabaClient(ctx: ILoadOptionsFunctions): Promise<{ graph: GraphClient; waba: string }> {
	const graph = await GraphClient.create(ctx, 'chatflowWhatsAppApi', { retry: { maxRetries: 1 } });
	const waba = graph.field('businessAccountId');
	if (!waba) throw new NodeOperationError(ctx.getNode(), 'Set "WhatsApp Business Account ID" in the credential to list its phone numbers and templates');
	return { graph, waba };
}

/** The WABA's phone numbers: "+1 555-0100 · Acme (GREEN)" → phone number id. */
export async function searchPhoneNumbers(this: ILoadOptionsFunctions): Promise<INodeListSearchResult> {
	const { graph, waba } = await wabaClient(this);
	const answer = await graph.request<{ data?: Array<{ id: string; display_phone_number?: string; verified_name?: string; quality_rating?: string }> }>({
		method: 'GET',
		path: `/${segment(waba)}/phone_numbers`,
		qs: { fields: 'id,display_phone_number,verified_name,quality_rating', limit: 100 },
	});
	return {
		results: (answer.data ?? []).map((number) => ({
			name: [number.display_phone_number ?? number.id, number.verified_name].filter(Boolean).join(' · ') + (number.quality_rating ? ` (${number.quality_rating})` : ''),
			value: number.id,
		})),
	};
}

/** Approved-or-not templates, searchable by name: "order_update (en_US) · APPROVED" → "order_update|en_US". */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { graph, waba } = await wabaClient(this);
	const answer = await graph.request<{
		data?: Array<{ name: string; language: string; status?: string; category?: string }>;
		paging?: { cursors?: { after?: string }; next?: string };
	}>({
		method: 'GET',
		path: `/${segment(waba)}/message_templates`,
		qs: { fields: 'name,language,status,category', limit: 100, ...(filter ? { name: filter } : {}), ...(paginationToken ? { after: paginationToken } : {}) },
	});
	const needle = (filter ?? '').toLowerCase();
	return {
		results: (answer.data ?? [])
			.filter((t) => !needle || t.name.toLowerCase().includes(needle) || t.language.toLowerCase().includes(needle))
			.map((t) => ({
				name: `${t.name} (${t.language})${t.status ? ` · ${t.status}` : ''}${t.category ? ` · ${t.category}` : ''}`,
				value: `${t.name}|${t.language}`,
			})),
		paginationToken: answer.paging?.next ? answer.paging.cursors?.after : undefined,
	};
}
