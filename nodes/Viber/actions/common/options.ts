import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRunOptions, runOptionsFrom, type RunOptionDefaults, type RunOptions } from '../../../shared/actions';
import { DEFAULT_VIBER_RETRY } from '../../../shared/viber';

/**
 * Viber allows a bot about 20 messages per second before it answers status 12; a retry waits a
 * whole second because the bot is paused as long.
 */
export const VIBER_RUN_DEFAULTS: RunOptionDefaults = {
	concurrency: 50,
	maxConcurrency: 500,
	ratePerSecond: 20,
	rateHelp: 'Viber throttles a bot above about 20 messages per second (status 12)',
	maxRetries: DEFAULT_VIBER_RETRY.maxRetries,
	retryDelayMs: DEFAULT_VIBER_RETRY.baseDelayMs,
};

/** Version 1 ran 5 items in parallel; its saved workflows keep that. */
const VERSION_1_CONCURRENCY = 5;

export function readViberRunOptions(ctx: IExecuteFunctions): RunOptions {
	if (ctx.getNode().typeVersion >= 2) return readRunOptions(ctx, VIBER_RUN_DEFAULTS);
	return runOptionsFrom(ctx.getNodeParameter('options', 0, {}) as IDataObject, { ...VIBER_RUN_DEFAULTS, concurrency: VERSION_1_CONCURRENCY });
}

/** The message's own settings: from "Message Options" (version 2) or version 1's "Options". */
export function readMessageOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getNodeParameter(ctx.getNode().typeVersion >= 2 ? 'messageOptions' : 'options', itemIndex, {}) as IDataObject;
}

const messageSettings: INodeProperties[] = [
	{
		displayName: 'Minimum API Version',
		name: 'minApiVersion',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Lowest Viber client API version that should receive the message; raised automatically for features that need it',
	},
	{
		displayName: 'Sender Avatar URL',
		name: 'senderAvatar',
		type: 'string',
		default: '',
		description: "Overrides the credential's sender avatar for this message",
	},
	{
		displayName: 'Sender Name',
		name: 'senderName',
		type: 'string',
		default: '',
		description: "Overrides the credential's sender name for this message (at most 28 characters)",
	},
	{
		displayName: 'Tracking Data',
		name: 'trackingData',
		type: 'string',
		default: '',
		description: "Up to 4000 characters that come back with the user's reply (e.g. a flow step)",
	},
];

/** Version 2's settings of a sent or broadcast message. */
export const messageOptionsField: INodeProperties = {
	displayName: 'Message Options',
	name: 'messageOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: { resource: ['message'], '@version': [{ _cnd: { gte: 2 } }] } },
	options: messageSettings,
};

/**
 * Version 1's "Options": the message settings and the run settings in one collection. Saved
 * workflows of version 1 keep it; version 2 splits it into "Message Options" and "Run Options".
 */
export const version1OptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { '@version': [1] } },
	options: ([
		{
			displayName: 'Items in Parallel',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 5,
			description: 'How many items are sent at once; output order always follows input order',
		},
		{
			displayName: 'Max Retries on Too Many Requests',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 4,
			description: 'How often an answer with status 12 (tooManyRequests) is retried, with growing waits',
		},
		{
			displayName: 'Messages per Second',
			name: 'ratePerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 20,
			description: 'Upper bound of requests per second for this bot across items and executions; 0 disables the limit',
		},
		...messageSettings.map((setting) => ({ ...setting, displayOptions: { show: { '/resource': ['message'] } } })),
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelayMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1000,
			description: 'Wait before the first retry after status 12 (between half and all of it at random; later retries up to twice it). The whole bot pauses as long and then sends at a lower rate that recovers.',
		},
	] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
};
