import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { metaWebhookMethods } from '../shared/trigger/registration';
import { triggerProperties } from '../shared/trigger/descriptions';
import { handleTriggerWebhook } from '../shared/trigger/handleWebhook';
import { META_WEBHOOKS } from '../shared/trigger/nodeParts';
import { conversationTriggerOptions } from '../shared/conversation';
import { flowJourneyProperty } from '../shared/trigger/flowJourney';
import { FLOWS_ENDPOINT_CREDENTIAL_TEST, testFlowsEndpointCredential } from '../shared/flows/credential';
import { chatflowRedisConnectionTest } from '../shared/store';
import { WEBHOOK_TRIGGER_VERSIONS } from '../shared/webhook/versions';
import { eventsSubtitle } from '../shared/canvas';

const properties: INodeProperties[] = [
	...triggerProperties({
		manualHelp:
			'In the Meta app dashboard (WhatsApp → Configuration → Webhook) set the Callback URL to this node\'s Production URL (Webhook URLs above) and the Verify Token to the one in the Meta App credential, then subscribe the "messages" field. Activating this workflow does not change anything at Meta.',
		automaticHelp:
			'Activation subscribes the app to the Production URL and the WhatsApp Business Account (from the WhatsApp Cloud API credential) to the app. It fails if the app already sends WhatsApp webhooks to another URL.',
		registrationModes: [
			{
				option: {
					name: 'Automatic, This Phone Number Only',
					value: 'phoneNumberOverride',
					description: 'Activation points this phone number\'s callback override at this workflow; other numbers and workflows of the app are untouched',
				},
				help: 'Activation sets the callback override of the phone number below (WhatsApp Cloud API credential) to the Production URL; Meta verifies it with the Meta App credential\'s verify token. Deactivation removes it. Messages, statuses, echoes and calls of this number come here; template and account events and marketing preferences (user_preferences) still go to the app\'s URL, as Meta sends them.',
				properties: [
					{
						displayName: 'Phone Number ID',
						name: 'overridePhoneNumberId',
						type: 'string',
						default: '',
						placeholder: 'the credential\'s Default Phone Number ID',
						description: 'The phone number whose webhooks this workflow receives; empty: the WhatsApp Cloud API credential\'s default',
						displayOptions: { show: { registration: ['phoneNumberOverride'] } },
					},
				],
			},
			{
				option: {
					name: 'Automatic, This WhatsApp Business Account Only',
					value: 'businessAccountOverride',
					description: 'Activation points the WABA\'s callback override at this workflow; the app\'s own URL is untouched',
				},
				help: 'Activation sets the callback override of the WhatsApp Business Account (WhatsApp Cloud API credential) to the Production URL; Meta verifies it with the Meta App credential\'s verify token. Deactivation removes it. A phone number with its own override still sends there; template and account events and marketing preferences (user_preferences) still go to the app\'s URL, as Meta sends them.',
			},
		],
		events: [
			{ name: 'Account Events', value: 'accountEvent', description: 'Account updates and other webhook fields' },
			{ name: 'Business App Echoes', value: 'echo', description: 'Messages sent from the WhatsApp Business app on the same number' },
			{ name: 'Calls', value: 'call', description: 'Calling API events (connect, terminate, ...)' },
			{ name: 'Deleted Messages', value: 'revoke', description: 'The contact deleted a message they sent' },
			{ name: 'Edited Messages', value: 'edit', description: 'The contact edited a message they sent' },
			{ name: 'Delivery Errors', value: 'error', description: 'Errors in the value of a delivery' },
			{ name: 'Flow Events', value: 'flow', description: 'Flow status changes and endpoint alerts' },
			{ name: 'Identity Changes', value: 'identityChange', description: 'The contact has a new phone number or business-scoped user ID' },
			{ name: 'Marketing Preferences', value: 'preference', description: 'The contact stopped or resumed marketing messages' },
			{ name: 'Messages', value: 'message' },
			{ name: 'Statuses', value: 'status', description: 'Sent, delivered, read and failed' },
			{ name: 'Template Status', value: 'templateStatus', description: 'Template approval, quality and category' },
			{ name: 'Unrecognised Events', value: 'unknown', description: 'Anything this version does not recognise, with its raw object' },
		],
		afterEvents: [
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{ name: 'Deleted', value: 'deleted' },
					{ name: 'Delivered', value: 'delivered' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Played', value: 'played' },
					{ name: 'Read', value: 'read' },
					{ name: 'Sent', value: 'sent' },
				],
				default: ['deleted', 'delivered', 'failed', 'played', 'read', 'sent'],
				description: 'Which message statuses start the workflow',
			},
		],
		accountIds: {
			displayName: 'Only Phone Number IDs',
			description:
				'Comma-separated phone number IDs or WhatsApp Business Account IDs; events for others are acknowledged and ignored. Empty means all.',
		},
	}),
	flowJourneyProperty,
	conversationTriggerOptions,
];

/**
 * Inbound WhatsApp Cloud API webhooks: one item per message, status, error and account event of
 * every delivery, normalised (same fields as the Messenger, Instagram and Viber triggers), signed
 * deliveries only, redeliveries dropped. All of it happens in nodes/shared/ingestion.
 */
export class ChatflowWhatsAppTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow WhatsApp Trigger',
		name: 'chatflowWhatsAppTrigger',
		icon: { light: 'file:../icons/whatsapp.svg', dark: 'file:../icons/whatsapp.dark.svg' },
		group: ['trigger'],
		...WEBHOOK_TRIGGER_VERSIONS,
		subtitle: eventsSubtitle(properties),
		description: 'Starts the workflow on inbound WhatsApp messages, statuses and account events',
		defaults: { name: 'WhatsApp Trigger' },
		inputs: [],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'chatflowMetaAppApi', displayName: 'Meta App (Signatures and Registration)', required: true },
			{ name: 'chatflowWhatsAppApi', displayName: 'WhatsApp Account (Media and Registration, Optional)', required: false },
			{ name: 'chatflowRedisApi', displayName: 'State Store (Redis, for Queue Mode, Optional)', required: false, testedBy: 'chatflowRedisConnectionTest' },
			// Only for "Only Flow Answers of Journey": its Flow Token Secret verifies the tokens.
			{
				name: 'chatflowFlowsEndpointApi',
				displayName: 'Flows Endpoint (Journey Tokens, Optional)',
				required: false,
				testedBy: 'chatflowFlowsEndpointApiTest',
			},
		],
		webhooks: META_WEBHOOKS,
		properties,
	};

	methods = { credentialTest: { chatflowRedisConnectionTest, [FLOWS_ENDPOINT_CREDENTIAL_TEST]: testFlowsEndpointCredential } };

	webhookMethods = { default: metaWebhookMethods('whatsapp') };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleTriggerWebhook.call(this, 'whatsapp');
	}
}
