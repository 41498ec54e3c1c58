import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import { setViberWebhook, VIBER_EVENT_TYPES } from '../../../shared/viber';
import type { ViberRun } from '../common/run';

const show = { resource: ['webhook'], operation: ['set'] };

/** Webhook → Set: where Viber posts the bot's events, and which events. */
export const description: INodeProperties[] = [
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/viber',
		description: "Public HTTPS URL Viber posts events to; usually the Chatflow Viber Trigger's production URL (the trigger sets it itself when activated)",
		displayOptions: { show },
	},
	{
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		options: VIBER_EVENT_TYPES.map((type) => ({ name: type, value: type })),
		default: [],
		description: 'Events besides messages that Viber sends; none selected means all',
		displayOptions: { show },
	},
	{
		displayName: 'Send User Name',
		name: 'sendName',
		type: 'boolean',
		default: true,
		description: "Whether Viber includes the user's name in events",
		displayOptions: { show },
	},
	{
		displayName: 'Send User Photo',
		name: 'sendPhoto',
		type: 'boolean',
		default: true,
		description: "Whether Viber includes the user's avatar in events",
		displayOptions: { show },
	},
];

export const execute: OperationExecute<ViberRun> = async function ({ viber, limiter }, itemIndex) {
	const settings = {
		url: this.getNodeParameter('webhookUrl', itemIndex) as string,
		eventTypes: this.getNodeParameter('eventTypes', itemIndex, []) as string[],
		sendName: this.getNodeParameter('sendName', itemIndex, true) as boolean,
		sendPhoto: this.getNodeParameter('sendPhoto', itemIndex, true) as boolean,
	};
	return await setViberWebhook(viber, settings, { itemIndex, limiter });
};
