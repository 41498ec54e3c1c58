import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { metaMessagingTriggerParts } from '../shared/meta-messaging/trigger';
import { chatflowRedisConnectionTest } from '../shared/store';
import { handleTriggerWebhook } from '../shared/trigger/handleWebhook';
import { metaWebhookMethods } from '../shared/trigger/registration';

const { subtitle, ...parts } = metaMessagingTriggerParts({
	accountCredential: { name: 'chatflowInstagramApi', displayName: 'Instagram Account (Media and Registration, Optional)' },
	manualHelp:
		'In the Meta app dashboard (Instagram → Webhooks) set the Callback URL to this node\'s Production URL (Webhook URLs above) and the Verify Token to the one in the Meta App credential, then subscribe the messages fields. Activating this workflow does not change anything at Meta.',
	automaticHelp:
		'Activation subscribes the app to the Production URL and the Instagram account (from the Instagram credential) to the app with the fields of the selected events. It fails if the app already sends Instagram webhooks to another URL.',
	events: [
		{ name: 'Account Events', value: 'accountEvent', description: 'Entry changes such as comments and mentions' },
		{ name: 'Echoes', value: 'echo', description: 'Messages the account itself sent' },
		{ name: 'Messages', value: 'message' },
		{ name: 'Postbacks', value: 'postback', description: 'Button and persistent menu taps' },
		{ name: 'Reactions', value: 'reaction' },
		{ name: 'Seen', value: 'read', description: 'The contact saw a message' },
		{ name: 'Referrals', value: 'referral', description: 'Links (ig.me) and ads that opened the conversation' },
		{ name: 'Unrecognised Events', value: 'unknown', description: 'Anything this version does not recognise, with its raw object' },
	],
	accountIds: {
		displayName: 'Only Instagram Account IDs',
		description:
			'Comma-separated Instagram professional account IDs; events for other accounts are acknowledged and ignored. Empty means all.',
	},
});

/**
 * Inbound Instagram messaging webhooks (`object: instagram`): one item per messaging and standby
 * event of every entry, normalised like the WhatsApp, Messenger and Viber triggers, signed
 * deliveries only, redeliveries dropped. All of it happens in nodes/shared/ingestion.
 */
export class ChatflowInstagramTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow Instagram Trigger',
		name: 'chatflowInstagramTrigger',
		icon: { light: 'file:../icons/instagram.svg', dark: 'file:../icons/instagram.dark.svg' },
		group: ['trigger'],
		subtitle,
		description: 'Starts the workflow on inbound Instagram messages, postbacks, reactions and seen events',
		defaults: { name: 'Instagram Trigger' },
		...parts,
	};

	methods = { credentialTest: { chatflowRedisConnectionTest } };

	webhookMethods = { default: metaWebhookMethods('instagram') };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleTriggerWebhook.call(this, 'instagram');
	}
}
