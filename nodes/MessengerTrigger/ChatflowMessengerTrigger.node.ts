import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { metaMessagingTriggerParts } from '../shared/meta-messaging/trigger';
import { chatflowRedisConnectionTest } from '../shared/store';
import { handleTriggerWebhook } from '../shared/trigger/handleWebhook';
import { metaWebhookMethods } from '../shared/trigger/registration';

const { subtitle, ...parts } = metaMessagingTriggerParts({
	accountCredential: { name: 'chatflowMessengerApi', displayName: 'Messenger Page (Media and Registration, Optional)' },
	manualHelp:
		'In the Meta app dashboard (Messenger → Settings → Webhooks) set the Callback URL to this node\'s Production URL (Webhook URLs above) and the Verify Token to the one in the Meta App credential, then subscribe the page. Activating this workflow does not change anything at Meta.',
	automaticHelp:
		'Activation subscribes the app to the Production URL and the page (from the Messenger credential) to the app with the fields of the selected events. It fails if the app already sends page webhooks to another URL.',
	events: [
		{ name: 'Account Events', value: 'accountEvent', description: 'Entry changes such as feed updates' },
		{ name: 'Deliveries', value: 'delivery', description: 'Messages delivered to the contact' },
		{ name: 'Echoes', value: 'echo', description: 'Messages the page itself sent' },
		{ name: 'Messages', value: 'message' },
		{ name: 'Postbacks', value: 'postback', description: 'Button and persistent menu taps' },
		{ name: 'Reactions', value: 'reaction' },
		{ name: 'Reads', value: 'read', description: 'The contact read the conversation' },
		{ name: 'Referrals', value: 'referral', description: 'Links (m.me), ads and shops that opened the conversation' },
		{ name: 'Unrecognised Events', value: 'unknown', description: 'Anything this version does not recognise, with its raw object' },
	],
	accountIds: {
		displayName: 'Only Page IDs',
		description:
			'Comma-separated Facebook page IDs; events for other pages are acknowledged and ignored. Empty means all.',
	},
});

/**
 * Inbound Messenger webhooks (`object: page`): one item per messaging and standby event of every
 * entry, normalised like the WhatsApp, Instagram and Viber triggers, signed deliveries only,
 * redeliveries dropped. All of it happens in nodes/shared/ingestion.
 */
export class ChatflowMessengerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow Messenger Trigger',
		name: 'chatflowMessengerTrigger',
		icon: { light: 'file:../icons/messenger.svg', dark: 'file:../icons/messenger.dark.svg' },
		group: ['trigger'],
		subtitle,
		description: 'Starts the workflow on inbound Messenger messages, postbacks, reactions, reads and deliveries',
		defaults: { name: 'Messenger Trigger' },
		...parts,
	};

	methods = { credentialTest: { chatflowRedisConnectionTest } };

	webhookMethods = { default: metaWebhookMethods('messenger') };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleTriggerWebhook.call(this, 'messenger');
	}
}
