import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MetaAccountOptions } from '../../shared/meta-messaging';

/** The run-wide settings of a Messenger or Instagram node, read from the first item. */
export function readRunOptions(ctx: IExecuteFunctions, defaultRate: number): MetaAccountOptions & { concurrency: number } {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		ratePerSecond: Number(options.ratePerSecond ?? defaultRate),
		concurrency: Number(options.concurrency ?? 5),
		retry: {
			...(options.maxRetries !== undefined ? { maxRetries: Number(options.maxRetries) } : {}),
			...(options.retryDelayMs !== undefined ? { baseDelayMs: Number(options.retryDelayMs) } : {}),
		},
	};
}
