import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runOptionsProperty } from '../shared/actions';
import { operationSubtitle } from '../shared/canvas';
import { chatflowRedisConnectionTest } from '../shared/store';
import { withFastParameters } from '../shared/parameters';
import { throughputProperty } from './actions/common/descriptions';
import { WHATSAPP_RUN_DEFAULTS } from './actions/common/run';
import { description as media } from './actions/media';
import { description as message } from './actions/message';
import { router } from './actions/router';
import { description as template } from './actions/template';
import { searchFlows } from '../shared/flows/picker';
import { searchPhoneNumbers, searchTemplates } from './methods/listSearch';
import { getTemplateParameters } from './methods/resourceMapping';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'message',
		options: [
			{ name: 'Media', value: 'media' },
			{ name: 'Message', value: 'message' },
			{ name: 'Template', value: 'template' },
		],
	},
	...message,
	...template,
	...media,
	throughputProperty,
	runOptionsProperty(WHATSAPP_RUN_DEFAULTS),
];

/**
 * WhatsApp Cloud API: messages of every kind (incl. interactive and Flow CTA), templates with
 * parameters derived from the template itself, media upload/download. Items run concurrently
 * under the sender number's rate limit (nodes/shared/concurrency) through the Graph transport
 * (nodes/shared/graph). Version 2 has the "Run Options" block every channel shares (with
 * retries) instead of "Throughput", and every channel's failed-item shape.
 */
export class ChatflowWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow WhatsApp',
		name: 'chatflowWhatsApp',
		icon: { light: 'file:../icons/whatsapp.svg', dark: 'file:../icons/whatsapp.dark.svg' },
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: operationSubtitle(properties),
		description: 'Send WhatsApp messages, templates and Flows, and manage templates and media (Cloud API)',
		defaults: { name: 'Chatflow WhatsApp' },
		usableAsTool: true,
		// The older base-plugin rule predates NodeConnectionTypes, which the community rules require.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'chatflowWhatsAppApi', displayName: 'WhatsApp Account', required: true },
			// Optional: records which items an execution sent, so a job n8n runs again does not resend them.
			{
				name: 'chatflowRedisApi',
				displayName: 'State Store (Redis, Sends Each Item Once in Queue Mode, Optional)',
				required: false,
				testedBy: 'chatflowRedisConnectionTest',
			},
		],
		properties,
	};

	methods = {
		listSearch: { searchPhoneNumbers, searchTemplates, searchFlows },
		resourceMapping: { getTemplateParameters },
		credentialTest: { chatflowRedisConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Thousands of items read the same parameters: see nodes/shared/parameters.
		return await router.call(withFastParameters(this, properties));
	}
}
