import type { INodeProperties } from 'n8n-workflow';

import { CHANNEL_RULES } from '../limits';
import type { MetaChannel } from '../types';
import { META_RUN_DEFAULTS } from '../runOptions';

const send = { resource: ['message'], operation: ['send'] };

/** How a send goes out: the 24-hour window rules (messaging type, tag) and the quoted message. */
export function deliveryFields(channel: MetaChannel): INodeProperties[] {
	return [
		{
			displayName: 'Messaging Type',
			name: 'messagingType',
			type: 'options',
			options: [
				{ name: 'Message Tag', value: 'MESSAGE_TAG', description: 'Outside the 24-hour window, for the purpose the tag names' },
				{ name: 'Response', value: 'RESPONSE', description: 'A reply within 24 hours of the person\'s last message' },
				{ name: 'Update', value: 'UPDATE', description: 'A proactive message within the 24-hour window' },
			],
			default: 'RESPONSE',
			displayOptions: { show: send },
		},
		{
			displayName: 'Tag',
			name: 'tag',
			type: 'options',
			options: CHANNEL_RULES[channel].tags.map((tag) => ({ name: tag.replace(/_/g, ' ').toLowerCase().replace(/^\w/, (c) => c.toUpperCase()), value: tag })),
			default: 'HUMAN_AGENT',
			description: channel === 'messenger' ? 'HUMAN_AGENT allows a human reply for 7 days' : 'Instagram allows only HUMAN_AGENT (7 days)',
			displayOptions: { show: { ...send, messagingType: ['MESSAGE_TAG'] } },
		},
		{
			displayName: 'Message Options',
			name: 'messageOptions',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions: { show: { ...send, '@version': [{ _cnd: { gte: 2 } }] } },
			options: [replyToOption],
		},
	];
}

const replyToOption: INodeProperties = {
	displayName: 'Reply To Message ID',
	name: 'replyTo',
	type: 'string',
	default: '',
	description: 'The message ID (mid) this message quotes',
};

/**
 * Version 1's "Options": the run settings and the quoted message in one collection. Saved
 * workflows of version 1 keep it; version 2 splits it into "Message Options" and "Run Options".
 */
export function version1OptionsField(channel: MetaChannel): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { '@version': [1] } },
		options: [
			{
				displayName: 'Items in Parallel',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 5,
				description: 'How many items are sent at once; output order always follows input order',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 6,
				description: 'Retries of answers Meta marks as temporary (rate limits, 1200, 2); a send that may have been delivered is never repeated',
			},
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
			{
				displayName: 'Messages per Second',
				name: 'ratePerSecond',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: META_RUN_DEFAULTS[channel].ratePerSecond,
				description: 'Upper bound of requests per second for this account across items and executions; 0 disables the limit',
			},
			{ ...replyToOption, displayOptions: { show: { '/resource': ['message'], '/operation': ['send'] } } },
			{
				displayName: 'Retry Delay (Ms)',
				name: 'retryDelayMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 400,
				description: 'Base wait before a retry; grows exponentially',
			},
		],
	};
}
