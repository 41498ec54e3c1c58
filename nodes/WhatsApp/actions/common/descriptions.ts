import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, DEFAULT_MESSAGES_PER_SECOND } from './run';

/** Parameters several operations share. */

export const phoneNumberIdProperty = (resource: string[], operations: string[]): INodeProperties => ({
	displayName: 'Sender Phone Number',
	name: 'phoneNumberId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'The business phone number that sends. Empty: the credential\'s Default Phone Number ID.',
	displayOptions: { show: { resource, operation: operations } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchPhoneNumbers', searchable: false },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '106540352242922',
			hint: 'The phone number ID from WhatsApp Manager or the app dashboard (API Setup), not the phone number',
			validation: [{ type: 'regex', properties: { regex: '^\\d*$', errorMessage: 'A phone number ID has digits only' } }],
		},
	],
});

export const recipientProperty = (resource: string[], operations: string[]): INodeProperties => ({
	displayName: 'Recipient',
	name: 'to',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+15551234567',
	// The expression in this text is copied into fields: n8n expressions are case-sensitive, so
	// $json and .id stay lower case whatever the casing rules for "JSON" and "ID" in prose say.
	// eslint-disable-next-line n8n-nodes-base/node-param-description-miscased-id, n8n-nodes-base/node-param-description-miscased-json
	description:
		'Phone number with country code, or the business-scoped user ID of a person who shares no phone number (US.13491208655302741918). After a Chatflow trigger use {{ $json.contact.id }}, which is whichever of the two Meta gave.',
	displayOptions: { show: { resource, operation: operations } },
});

export const messageOptionsProperty = (resource: string[], operations: string[]): INodeProperties => ({
	displayName: 'Message Options',
	name: 'messageOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: { resource, operation: operations } },
	options: [
		{
			displayName: 'Reply To Message ID',
			name: 'replyToMessageId',
			type: 'string',
			default: '',
			description: 'Quote this incoming message (wamid...) in the reply',
		},
		{
			displayName: 'Callback Data',
			name: 'bizOpaqueCallbackData',
			type: 'string',
			default: '',
			description: 'Up to 512 bytes returned in the status webhooks of this message (biz_opaque_callback_data)',
		},
	],
});

export const windowNotice = (resource: string[], operations: string[]): INodeProperties => ({
	displayName:
		'WhatsApp delivers free-form messages only within 24 hours of the customer\'s last message. Outside that window Meta refuses them with error 131047: send a template (Resource: Template) instead.',
	name: 'windowNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { resource, operation: operations } },
});

/** Version 1's run settings; version 2 has the "Run Options" every channel shares. */
export const throughputProperty: INodeProperties = {
	displayName: 'Throughput',
	name: 'throughput',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: { '@version': [1] } },
	options: [
		{
			displayName: 'Messages per Second',
			name: 'messagesPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_MESSAGES_PER_SECOND,
			description:
				'Sends per second per sender phone number, shared by all items and all executions in this n8n process. Meta allows 80 by default (up to 1,000 after an upgrade); above it Meta answers 130429, which is retried. 0 = no limit.',
		},
		{
			displayName: 'Concurrent Requests',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 500 },
			default: DEFAULT_CONCURRENCY,
			description: 'Items processed at once. Output order always matches input order.',
		},
	],
};

export const headerProperties = (resource: string[], operations: string[], mediaAllowed = true): INodeProperties[] => [
	{
		displayName: 'Header',
		name: 'headerType',
		type: 'options',
		default: 'none',
		displayOptions: { show: { resource, operation: operations } },
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Text', value: 'text' },
			...(mediaAllowed
				? [
						{ name: 'Image', value: 'image' },
						{ name: 'Video', value: 'video' },
						{ name: 'Document', value: 'document' },
					]
				: []),
		],
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		description: 'At most 60 characters',
		displayOptions: { show: { resource, operation: operations, headerType: ['text'] } },
	},
	{
		displayName: 'Header Media',
		name: 'headerMedia',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/picture.jpg or 1234567890',
		description: 'A public https link or an uploaded media ID',
		displayOptions: { show: { resource, operation: operations, headerType: ['image', 'video', 'document'] } },
	},
];

export const bodyFooterProperties = (resource: string[], operations: string[]): INodeProperties[] => [
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'At most 1,024 characters',
		displayOptions: { show: { resource, operation: operations } },
	},
	{
		displayName: 'Footer',
		name: 'footer',
		type: 'string',
		default: '',
		description: 'At most 60 characters',
		displayOptions: { show: { resource, operation: operations } },
	},
];
