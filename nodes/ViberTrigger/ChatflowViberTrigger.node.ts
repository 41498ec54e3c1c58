import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { viberWebhookMethods } from '../shared/trigger/registration';
import { triggerProperties } from '../shared/trigger/descriptions';
import { handleTriggerWebhook } from '../shared/trigger/handleWebhook';
import { VIBER_WEBHOOKS } from '../shared/trigger/nodeParts';
import { conversationTriggerOptions } from '../shared/conversation';
import { chatflowRedisConnectionTest } from '../shared/store';
import { WEBHOOK_TRIGGER_VERSIONS } from '../shared/webhook/versions';
import { eventsSubtitle } from '../shared/canvas';

const properties: INodeProperties[] = [
	...triggerProperties({
		manualHelp:
			'Register this node\'s Production URL (Webhook URLs above) with Viber yourself: POST https://chatapi.viber.com/pa/set_webhook with {"url": "<production URL>"} and the X-Viber-Auth-Token header. Activating this workflow does not change anything at Viber.',
		automaticHelp:
			'Activation calls set_webhook with the Production URL and the selected event types; deactivation removes the webhook if it is still this URL. It fails if the bot already sends its webhooks to another URL.',
		events: [
			{ name: 'Conversation Started', value: 'conversation_started', description: 'The user opened a conversation with the bot' },
			{ name: 'Delivered', value: 'delivered' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'Message', value: 'message' },
			{ name: 'Seen', value: 'seen' },
			{ name: 'Subscribed', value: 'subscribed' },
			{ name: 'Unrecognised Events', value: 'unknown', description: 'Anything this version does not recognise, with its raw object' },
			{ name: 'Unsubscribed', value: 'unsubscribed' },
		],
		extra: [
			{
				displayName: 'Send Welcome Message',
				name: 'sendWelcome',
				type: 'boolean',
				default: false,
				description:
					'Whether to answer conversation_started with a welcome message (sent in the HTTP answer, so it needs no send call and is allowed before the user subscribes)',
			},
			{
				displayName: 'Welcome Text',
				name: 'welcomeText',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				displayOptions: { show: { sendWelcome: [true] } },
				description: 'Text of the welcome message; the sender name and avatar come from the Viber credential',
			},
		],
	}),
	conversationTriggerOptions,
];

/**
 * Inbound Viber bot callbacks: one item per callback, normalised like the WhatsApp, Messenger
 * and Instagram triggers (message tokens kept as exact strings), signed callbacks only,
 * redeliveries dropped, an optional welcome message for conversation_started. All of it happens
 * in nodes/shared/ingestion.
 */
export class ChatflowViberTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow Viber Trigger',
		name: 'chatflowViberTrigger',
		icon: { light: 'file:../icons/viber.svg', dark: 'file:../icons/viber.dark.svg' },
		group: ['trigger'],
		...WEBHOOK_TRIGGER_VERSIONS,
		subtitle: eventsSubtitle(properties),
		description: 'Starts the workflow on inbound Viber messages, subscriptions and delivery events',
		defaults: { name: 'Viber Trigger' },
		inputs: [],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'chatflowViberApi', displayName: 'Viber Bot (Signatures and Registration)', required: true },
			{ name: 'chatflowRedisApi', displayName: 'State Store (Redis, for Queue Mode, Optional)', required: false, testedBy: 'chatflowRedisConnectionTest' },
		],
		webhooks: VIBER_WEBHOOKS,
		properties,
	};

	methods = { credentialTest: { chatflowRedisConnectionTest } };

	webhookMethods = { default: viberWebhookMethods };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleTriggerWebhook.call(this, 'viber');
	}
}
