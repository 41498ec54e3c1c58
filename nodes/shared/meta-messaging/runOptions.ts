import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readRunOptions, runOptionsFrom, type RunOptionDefaults, type RunOptions } from '../actions';
import { DEFAULT_RETRY_POLICY } from '../retry';
import type { MetaChannel } from './types';

/**
 * Run-option defaults of the Messenger and Instagram nodes. Messenger allows 300 Send API calls
 * per second per page, Instagram about 100 per account for text and templates; both defaults
 * stay below.
 */
export const META_RUN_DEFAULTS: Record<MetaChannel, RunOptionDefaults> = {
	messenger: {
		concurrency: 50,
		maxConcurrency: 500,
		ratePerSecond: 250,
		rateHelp: 'Messenger allows 300 Send API calls per second per page',
		maxRetries: DEFAULT_RETRY_POLICY.maxRetries,
		retryDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs,
	},
	instagram: {
		concurrency: 50,
		maxConcurrency: 500,
		ratePerSecond: 80,
		rateHelp: 'Instagram allows about 100 calls per second per account for text and templates',
		maxRetries: DEFAULT_RETRY_POLICY.maxRetries,
		retryDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs,
	},
};

/**
 * Version 1 kept the run settings in "Options" with the delivery settings, at 5 items in
 * parallel; its saved workflows keep those values.
 */
const VERSION_1_CONCURRENCY = 5;

export function readMetaRunOptions(ctx: IExecuteFunctions, channel: MetaChannel): RunOptions {
	const defaults = META_RUN_DEFAULTS[channel];
	if (ctx.getNode().typeVersion >= 2) return readRunOptions(ctx, defaults);
	return runOptionsFrom(ctx.getNodeParameter('options', 0, {}) as IDataObject, { ...defaults, concurrency: VERSION_1_CONCURRENCY });
}
