import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { failedItemDetails, type ErrorDetails, type RunOptions } from '../../../shared/actions';
import { getRateLimiter, type RateLimiter } from '../../../shared/concurrency';
import { ViberClient } from '../../../shared/viber';

/** What every item of a Viber run shares: the bot's client and its rate limiter. */
export interface ViberRun {
	viber: ViberClient;
	limiter: RateLimiter;
}

export async function openViberRun(ctx: IExecuteFunctions, options: RunOptions): Promise<ViberRun> {
	const viber = await ViberClient.create(ctx, { concurrency: options.concurrency, retry: options.retry });
	// One limiter per bot, keyed by a hash so the token never becomes a map key in memory dumps.
	return { viber, limiter: getRateLimiter(`viber:${viber.botKey}`, { ratePerSecond: options.ratePerSecond }) };
}

/** What Viber said about a failed request: its status code and name, or the HTTP status. */
export function viberErrorDetails(error: unknown): ErrorDetails | undefined {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	const httpCode = Number((error as { httpCode?: unknown } | undefined)?.httpCode);
	const details: ErrorDetails = {};
	if (typeof context?.viberStatus === 'number') {
		details.code = context.viberStatus;
		details.details = String(context.viberStatusName ?? '');
	}
	if (Number.isInteger(httpCode) && httpCode !== 200) details.http_status = httpCode;
	return Object.keys(details).length ? details : undefined;
}

/**
 * The extra JSON of a failed item under "Continue On Fail": every channel's shape from version 2
 * on; version 1 keeps `field`, or `viberStatus` and `viberStatusName`, beside the error.
 */
export function describeViberFailure(ctx: IExecuteFunctions, error: unknown): IDataObject {
	if (ctx.getNode().typeVersion >= 2) return failedItemDetails(error, viberErrorDetails);
	const context = (error as { context?: IDataObject } | undefined)?.context;
	if (typeof context?.field === 'string') return { field: context.field };
	if (context?.viberStatus !== undefined) return { viberStatus: context.viberStatus, viberStatusName: context.viberStatusName };
	return {};
}
