import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RetryPolicy } from '../retry';

/**
 * How hard a run pushes the account, the same block on every channel's action node (from each
 * node's version 2): items in parallel, messages per second, retries of temporary refusals. Only
 * the defaults and the help text differ by channel.
 */
export interface RunOptions {
	concurrency: number;
	/** Requests per second for the account, across items and executions in this process; 0: none. */
	ratePerSecond: number;
	retry: Partial<RetryPolicy>;
}

export interface RunOptionDefaults {
	concurrency: number;
	maxConcurrency: number;
	ratePerSecond: number;
	/** What the platform allows, said under "Messages per Second" (one sentence, no final period). */
	rateHelp: string;
	maxRetries: number;
	retryDelayMs: number;
}

export const RUN_OPTIONS = 'runOptions';

/** The "Run Options" collection, shown from `fromVersion` on (earlier versions keep their own). */
export function runOptionsProperty(defaults: RunOptionDefaults, fromVersion = 2): INodeProperties {
	return {
		displayName: 'Run Options',
		name: RUN_OPTIONS,
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { '@version': [{ _cnd: { gte: fromVersion } }] } },
		// The defaults differ by channel; the lint rule only recognises literal defaults.
		options: [
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
			{
				displayName: 'Items in Parallel',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: defaults.maxConcurrency },
				default: defaults.concurrency,
				description: 'How many items are sent at once. Output order always follows input order.',
			},
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
			{
				displayName: 'Messages per Second',
				name: 'ratePerSecond',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: defaults.ratePerSecond,
				description: `Requests per second for this account, shared by all items and executions in this n8n process; 0 = no limit. ${defaults.rateHelp}.`,
			},
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 20 },
				default: defaults.maxRetries,
				description: 'Retries of answers the platform marks as temporary (rate limits, throughput, maintenance). A send that may have been delivered is never repeated.',
			},
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
			{
				displayName: 'Retry Delay (Ms)',
				name: 'retryDelayMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: defaults.retryDelayMs,
				description: 'Base wait before a retry; it grows exponentially, with jitter',
			},
		],
	};
}

/** The run options of a node from version 2 on, read once per execution. */
export function readRunOptions(ctx: IExecuteFunctions, defaults: RunOptionDefaults): RunOptions {
	return runOptionsFrom(ctx.getNodeParameter(RUN_OPTIONS, 0, {}) as IDataObject, defaults);
}

/** Run options from a collection's values (`concurrency`, `ratePerSecond`, `maxRetries`, `retryDelayMs`). */
export function runOptionsFrom(values: IDataObject, defaults: RunOptionDefaults): RunOptions {
	const number = (value: unknown, fallback: number) => (value === undefined || value === '' || !Number.isFinite(Number(value)) ? fallback : Number(value));
	return {
		concurrency: Math.max(1, Math.floor(number(values.concurrency, defaults.concurrency))),
		ratePerSecond: Math.max(0, number(values.ratePerSecond, defaults.ratePerSecond)),
		retry: { maxRetries: Math.max(0, Math.floor(number(values.maxRetries, defaults.maxRetries))), baseDelayMs: Math.max(0, number(values.retryDelayMs, defaults.retryDelayMs)) },
	};
}
