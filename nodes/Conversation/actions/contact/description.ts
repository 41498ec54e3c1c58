import type { INodeProperties } from 'n8n-workflow';

/** Whose conversation: found automatically from the flow's inbound message, or given. */
export const contactProperties: INodeProperties[] = [
	{
		displayName: 'Contact',
		name: 'contactSource',
		type: 'options',
		default: 'auto',
		options: [
			{
				name: 'From the Inbound Message (Automatic)',
				value: 'auto',
				description: 'The contact of the message that started this flow (found through the Chatflow trigger upstream)',
			},
			{ name: 'Define Below', value: 'define', description: 'Give channel, account and contact ID, e.g. with expressions' },
		],
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		default: 'whatsapp',
		options: [
			{ name: 'Instagram', value: 'instagram' },
			{ name: 'Messenger', value: 'messenger' },
			{ name: 'Viber', value: 'viber' },
			{ name: 'WhatsApp', value: 'whatsapp' },
		],
		displayOptions: { show: { contactSource: ['define'] } },
	},
	{
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		description: 'WhatsApp phone number ID, Facebook page ID or Instagram account ID (the trigger\'s "accountId"); empty on Viber',
		displayOptions: { show: { contactSource: ['define'] } },
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		required: true,
		description:
			'WhatsApp: a phone number with country code or a business-scoped user ID (US.13491208655302741918), e.g. the trigger\'s contact.key. Messenger: page-scoped ID; Instagram: Instagram-scoped ID; Viber: user ID.',
		displayOptions: { show: { contactSource: ['define'] } },
	},
];
