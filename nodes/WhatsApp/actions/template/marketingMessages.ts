/**
 * The Marketing Messages API for WhatsApp (formerly MM Lite): marketing templates posted to
 * `/{phone-number-id}/marketing_messages` instead of `/messages`, with the same body and answer.
 * Meta adds delivery optimisation, a TTL for marketing messages and conversion metrics there,
 * once the business portfolio has accepted the API's terms. Statuses of these messages arrive on
 * the usual `messages` webhook.
 */
import type { INodeProperties } from 'n8n-workflow';

import { GraphApiError } from '../../../shared/graph';
import { MessageFieldError } from '../../../shared/fields';
import type { TemplateDefinition } from '../../builders';
import type { SendEndpoint } from '../common/send';

export const sendThroughProperty: INodeProperties = {
	displayName: 'Send Through',
	name: 'sendThrough',
	type: 'options',
	default: 'messages',
	displayOptions: { show: { resource: ['template'], operation: ['send'] } },
	options: [
		{ name: 'Cloud API', value: 'messages', description: 'Every template category (POST /messages)' },
		{
			name: 'Marketing Messages API',
			value: 'marketing_messages',
			description:
				'Marketing templates only, with Meta\'s delivery optimisation and conversion metrics (POST /marketing_messages); the business must have accepted its terms',
		},
	],
};

export const marketingOptionsProperty: INodeProperties = {
	displayName: 'Marketing Messages Options',
	name: 'marketingOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: { resource: ['template'], operation: ['send'], sendThrough: ['marketing_messages'] } },
	options: [
		{
			displayName: 'If the Business Has Not Onboarded',
			name: 'productPolicy',
			type: 'options',
			default: 'CLOUD_API_FALLBACK',
			options: [
				{ name: 'Send Through the Cloud API', value: 'CLOUD_API_FALLBACK', description: 'Meta\'s default: the message still goes out, without the optimisations' },
				{ name: 'Fail', value: 'STRICT', description: 'The item fails instead (product_policy STRICT)' },
			],
			description: 'What Meta does when the business portfolio has not completed onboarding to the Marketing Messages API',
		},
		{
			displayName: 'Share Message Activity',
			name: 'messageActivitySharing',
			type: 'options',
			default: 'account',
			options: [
				{ name: 'As Set for the Account', value: 'account' },
				{ name: 'Yes', value: 'on' },
				{ name: 'No', value: 'off' },
			],
			description: 'Whether Meta may use this message\'s activity (reads, clicks) to optimise delivery (message_activity_sharing)',
		},
	],
};

/** The fields the Marketing Messages API takes beside a template send's body. */
export function marketingFields(options: { productPolicy?: unknown; messageActivitySharing?: unknown }): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	if (options.productPolicy === 'STRICT') fields.product_policy = 'STRICT';
	if (options.messageActivitySharing === 'on' || options.messageActivitySharing === 'off') {
		fields.message_activity_sharing = options.messageActivitySharing === 'on';
	}
	return fields;
}

/** Refuses, before any request, a template the Marketing Messages API would refuse. */
export function checkMarketingTemplate(endpoint: SendEndpoint, template: TemplateDefinition): void {
	if (endpoint !== 'marketing_messages' || !template.category) return;
	if (template.category.toUpperCase() !== 'MARKETING') {
		throw new MessageFieldError(
			'template',
			`template "${template.name}" is ${template.category}: the Marketing Messages API sends marketing templates only; send it through the Cloud API`,
		);
	}
}

/**
 * Adds what a Marketing Messages API refusal means to Meta's error: terms not accepted (error 200
 * naming the terms), the business not onboarded or the template not available to the API
 * (134102), a template that is not marketing (131055, 134100), a template Meta is still syncing
 * for the API (134101, or 131009 within minutes of creating or editing it).
 */
export function explainMarketingError(error: unknown): unknown {
	if (!(error instanceof GraphApiError)) return error;
	const { code, message = '', details = '' } = error.graph;
	const text = `${message} ${details}`;
	let hint: string | undefined;
	if (code === 200 && /terms/i.test(text)) {
		hint =
			'The business has not accepted the Marketing Messages API terms of service. An admin of the business portfolio accepts them in WhatsApp Manager (Alerts → "Accept terms to get started"); until then, send through the Cloud API.';
	} else if (code === 134102) {
		hint =
			'Meta cannot use this template with the Marketing Messages API: the business may not have completed onboarding (accepted the terms in WhatsApp Manager), or the template failed to sync. Check the account\'s marketing_messages_onboarding_status, or send through the Cloud API.';
	} else if (code === 131055 || code === 134100) {
		hint = 'The Marketing Messages API sends marketing templates only: send utility and authentication templates through the Cloud API.';
	} else if (code === 134101 || code === 131009) {
		hint = 'If this template was created or edited in the last 10 minutes, Meta may still be preparing it for the Marketing Messages API: try again in a few minutes.';
	}
	if (hint) error.description = [hint, error.description].filter(Boolean).join('\n');
	return error;
}
