import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MessageFieldError, parseJsonText } from '../../../shared/fields';
import {
	buildTemplateComponents,
	templateMessage,
	validateTemplateComponents,
	type TemplateComponentPayload,
	type TemplateDefinition,
} from '../../builders';
import { businessAccountId, envelopeOptions, stringParam } from '../common/parameters';
import type { OperationExecute, WhatsAppRun } from '../common/run';
import { sendMessage, type SendEndpoint } from '../common/send';
import { templateProperty } from '../common/templateLocator';
import { fetchTemplate, parseTemplateRef } from '../common/templates';
import { checkMarketingTemplate, explainMarketingError, marketingFields, marketingOptionsProperty, sendThroughProperty } from './marketingMessages';

const show = { resource: ['template'], operation: ['send'] };

export const description: INodeProperties[] = [
	templateProperty(['send']),
	{
		displayName: 'Parameters',
		name: 'parametersMode',
		type: 'options',
		default: 'fields',
		displayOptions: { show },
		options: [
			{ name: 'Fields From the Template', value: 'fields', description: 'One field per parameter the template needs' },
			{ name: 'Components JSON', value: 'json', description: 'Write the components array yourself' },
		],
	},
	{
		displayName: 'Template Parameters',
		name: 'templateParameters',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description:
			'One field per value the template needs: header (text, image/video/document link or media ID, location JSON, product retailer ID), body ({{1}} or named; a value may also be {"currency":{…}} or {"date_time":{…}}), buttons (URL suffix, coupon code, quick-reply payload, Flow token and data, catalog thumbnail product, multi-product thumbnail and sections), the offer expiry (ISO 8601 date or UNIX milliseconds), the Catalog ID for product headers and cards, each carousel card\'s header, body and buttons, and the one-time code of an authentication template',
		displayOptions: { show: { ...show, parametersMode: ['fields'] } },
		typeOptions: {
			loadOptionsDependsOn: ['template.value'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateParameters',
				mode: 'add',
				fieldWords: { singular: 'parameter', plural: 'parameters' },
				addAllFields: true,
				supportAutoMap: false,
				noFieldsError: 'This template has no parameters',
			},
		},
	},
	{
		displayName: 'Components',
		name: 'componentsJson',
		type: 'json',
		default: '[]',
		description: 'The template\'s "components" array as Meta documents it; checked against the template before sending',
		displayOptions: { show: { ...show, parametersMode: ['json'] } },
	},
	sendThroughProperty,
	marketingOptionsProperty,
];

async function loadTemplate(ctx: IExecuteFunctions, run: WhatsAppRun, itemIndex: number): Promise<TemplateDefinition> {
	const ref = parseTemplateRef(String(ctx.getNodeParameter('template', itemIndex, '', { extractValue: true }) ?? ''));
	const key = `${ref.name}|${ref.language}`;
	let pending = run.templates.get(key);
	if (!pending) {
		pending = fetchTemplate(run.graph, businessAccountId(ctx, run, itemIndex), ref, itemIndex);
		run.templates.set(key, pending);
		pending.catch(() => run.templates.delete(key)); // a failed lookup is tried again by the next item
	}
	return await pending;
}

function components(ctx: IExecuteFunctions, template: TemplateDefinition, itemIndex: number): TemplateComponentPayload[] {
	if (stringParam(ctx, 'parametersMode', itemIndex, 'fields') === 'json') {
		const raw = ctx.getNodeParameter('componentsJson', itemIndex, '[]');
		const parsed = typeof raw === 'string' ? parseJsonText('components', raw || '[]') : raw;
		if (!Array.isArray(parsed)) throw new MessageFieldError('components', 'must be a JSON array');
		validateTemplateComponents(template, parsed as TemplateComponentPayload[]);
		return parsed as TemplateComponentPayload[];
	}
	const values = (ctx.getNodeParameter('templateParameters.value', itemIndex, {}) ?? {}) as IDataObject;
	return buildTemplateComponents(template, values);
}

export const execute: OperationExecute = async function (run, itemIndex) {
	const template = await loadTemplate(this, run, itemIndex);
	if (template.status && template.status.toUpperCase() !== 'APPROVED') {
		throw new MessageFieldError('template', `template "${template.name}" (${template.language}) is ${template.status}, not APPROVED`);
	}
	const endpoint = (stringParam(this, 'sendThrough', itemIndex, 'messages') === 'marketing_messages' ? 'marketing_messages' : 'messages') as SendEndpoint;
	checkMarketingTemplate(endpoint, template);
	const built = components(this, template, itemIndex);
	try {
		return await sendMessage(
			this,
			run,
			itemIndex,
			() => ({
				...templateMessage(stringParam(this, 'to', itemIndex), template, built, envelopeOptions(this, itemIndex)),
				...(endpoint === 'marketing_messages' ? marketingFields(this.getNodeParameter('marketingOptions', itemIndex, {}) as IDataObject) : {}),
			}),
			endpoint,
		);
	} catch (error) {
		throw endpoint === 'marketing_messages' ? explainMarketingError(error) : error;
	}
};
