import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph';
import { segment } from '../../../shared/graph';
import { MessageFieldError } from '../../../shared/fields';
import type { TemplateDefinition } from '../../builders';

export const TEMPLATE_FIELDS = 'id,name,language,status,category,parameter_format,components';

/** `order_update|en_US` → name and language (the list's value format). */
export function parseTemplateRef(value: string, language?: string): { name: string; language: string } {
	const [name, fromValue] = value.split('|').map((part) => part.trim());
	const lang = (language ?? '').trim() || fromValue;
	if (!name) throw new MessageFieldError('template', 'choose a template');
	if (!lang) throw new MessageFieldError('template', `"${value}": add the language, e.g. ${name}|en_US`);
	return { name, language: lang };
}

/** Loads one template by name and language from the WABA (GET /{WABA}/message_templates?name=). */
export async function fetchTemplate(
	graph: GraphClient,
	wabaId: string,
	ref: { name: string; language: string },
	itemIndex?: number,
): Promise<TemplateDefinition> {
	const answer = await graph.request<{ data?: TemplateDefinition[] }>({
		method: 'GET',
		path: `/${segment(wabaId)}/message_templates`,
		qs: { name: ref.name, fields: TEMPLATE_FIELDS, limit: 100 },
		itemIndex,
	});
	const candidates = (answer.data ?? []).filter((t) => t.name === ref.name);
	const match = candidates.find((t) => t.language === ref.language);
	if (!match) {
		const languages = candidates.map((t) => t.language);
		throw new MessageFieldError(
			'template',
			languages.length
				? `template "${ref.name}" has no ${ref.language} translation (it has: ${languages.join(', ')})`
				: `no template named "${ref.name}" in WhatsApp Business Account ${wabaId}`,
		);
	}
	if (!Array.isArray(match.components)) match.components = [];
	return match;
}

/** Pages through a Graph list (`data` + `paging.cursors.after`). */
export async function listAll(
	graph: GraphClient,
	path: string,
	qs: IDataObject,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	let after: string | undefined;
	do {
		const page = await graph.request<{ data?: IDataObject[]; paging?: { cursors?: { after?: string }; next?: string } }>({
			method: 'GET',
			path,
			qs: { ...qs, ...(after ? { after } : {}) },
			itemIndex,
		});
		results.push(...(page.data ?? []));
		after = page.paging?.next ? page.paging.cursors?.after : undefined;
	} while (after && (limit === undefined || results.length < limit));
	return limit === undefined ? results : results.slice(0, limit);
}
