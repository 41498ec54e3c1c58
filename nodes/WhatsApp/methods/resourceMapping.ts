import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { toNodeError } from '../../shared/actions';
import { GraphClient } from '../../shared/graph';
import { templateParameters, type TemplateDefinition } from '../builders';
import { fetchTemplate, parseTemplateRef } from '../actions/common/templates';

/** One field per parameter the chosen template needs, read from its components. */
export async function getTemplateParameters(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const value = String(this.getNodeParameter('template', undefined, { extractValue: true }) ?? '');
	if (!value) return { fields: [] };
	try {
		const graph = await GraphClient.create(this, 'chatflowWhatsAppApi', { retry: { maxRetries: 1 } });
		const template = await fetchTemplate(graph, graph.field('businessAccountId'), parseTemplateRef(value));
		return { fields: templateFields(template) };
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}

/** The editor's fields for a template: labelled as the template reads, with Meta's stored example. */
export function templateFields(template: TemplateDefinition): ResourceMapperField[] {
	return templateParameters(template).map((spec) => ({
		id: spec.key,
		displayName: `${spec.label}${spec.required ? '' : ' (optional)'} — ${spec.example ? `e.g. ${JSON.stringify(spec.example)}` : spec.description}`,
		required: spec.required,
		defaultMatch: false,
		display: true,
		type: spec.fieldType,
		canBeUsedToMatch: false,
	}));
}
