import type { INodeProperties } from 'n8n-workflow';

import { VIBER_EVENT_TYPES } from '../../shared/viber';

export const accountAndWebhookFields: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		description: "The subscriber's Viber user ID, as the Chatflow Viber Trigger outputs it",
		displayOptions: { show: { resource: ['account'], operation: ['getUserDetails'] } },
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/viber',
		description: "Public HTTPS URL Viber posts events to; usually the Chatflow Viber Trigger's production URL (the trigger sets it itself when activated)",
		displayOptions: { show: { resource: ['webhook'], operation: ['set'] } },
	},
	{
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		options: VIBER_EVENT_TYPES.map((type) => ({ name: type, value: type })),
		default: [],
		description: 'Events besides messages that Viber sends; none selected means all',
		displayOptions: { show: { resource: ['webhook'], operation: ['set'] } },
	},
	{
		displayName: 'Send User Name',
		name: 'sendName',
		type: 'boolean',
		default: true,
		description: "Whether Viber includes the user's name in events",
		displayOptions: { show: { resource: ['webhook'], operation: ['set'] } },
	},
	{
		displayName: 'Send User Photo',
		name: 'sendPhoto',
		type: 'boolean',
		default: true,
		description: "Whether Viber includes the user's avatar in events",
		displayOptions: { show: { resource: ['webhook'], operation: ['set'] } },
	},
];
