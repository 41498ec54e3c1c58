/**
 * The Marketing Messages API for WhatsApp (formerly MM Lite): marketing templates posted to
 * `/{phone-number-id}/marketing_messages` instead of `/messages`, with the same body and answer.
 * Meta adds delivery optimisation, a TTL for marketing messages and conversion metrics there,
 * once the business portfolio has accepted the API's terms. Statuses of these messages arrive on
 * the usual `messages` webhook.
 */
import type { INodeProperties } from 'n8n-workflow';

import { GraphApiError } from '../../../shared/graph';
import { MessageFieldError } from '../../../shared/limits';
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
 * naming the terms), a template that is not marketing (131055), a template Meta is still syncing
 * for the API (131009 within minutes of creating or editing it).
 */
export function explainMarketingError(error: unknown): unknown {
	if (!(error instanceof GraphApiError)) return error;
	const { code, message = '', details = '' } = error.graph;
	const text = `${message} ${details}`;
	let hint: string | undefined;
	if (code === 200 && /terms/i.test(text)) {
		hint =
			'The business has not accepted the Marketing Messages API terms of service. An admin of the business portfolio accepts them in WhatsApp Manager (Alerts → "Accept terms to get started"); until then, send through the Cloud API.';
	} else if (code === 131055) {
		hint = 'The Marketing Messages API sends marketing templates only: send utility and authentication templates through the Cloud API.';
	} else if (code === 131009) {
		hint = 'If this template was created or edited in the last 10 minutes, Meta may still be preparing it for the Marketing Messages API: try again in a few minutes.';
	}
	if (hint) error.description = [hint, error.description].filter(Boolean).join('\n');
	return error;
}
