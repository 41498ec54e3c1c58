import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	failedItemDetails,
	openSendOnce,
	readRunOptions,
	type OperationExecute as KitOperationExecute,
	type RunOptionDefaults,
	type RunOptions,
	type SendOnce,
} from '../../../shared/actions';
import { getRateLimiter, type RateLimiter } from '../../../shared/concurrency';
import { DEFAULT_RETRY_POLICY, describeGraphError, GraphClient, graphErrorDetails } from '../../../shared/graph';
import type { TemplateDefinition } from '../../builders';

/** What every operation gets besides `this`: one Graph client and the run's shared state. */
export interface WhatsAppRun {
	graph: GraphClient;
	/** The account's throughput limiter for a sending phone number id. */
	limiterFor(phoneNumberId: string): RateLimiter;
	/** Templates loaded once per run (name|language → definition). */
	templates: Map<string, Promise<TemplateDefinition>>;
	/** With a State Store credential: messages a re-run of this execution already sent are not sent again. */
	sendOnce?: SendOnce;
}

export type OperationExecute = KitOperationExecute<WhatsAppRun>;

export const DEFAULT_MESSAGES_PER_SECOND = 80;
export const DEFAULT_CONCURRENCY = 50;

/** Meta allows a business phone number 80 messages per second by default. */
export const WHATSAPP_RUN_DEFAULTS: RunOptionDefaults = {
	concurrency: DEFAULT_CONCURRENCY,
	maxConcurrency: 500,
	ratePerSecond: DEFAULT_MESSAGES_PER_SECOND,
	rateHelp: 'Per sender phone number. Meta allows 80 by default (up to 1,000 after an upgrade); above it Meta answers 130429, which is retried',
	maxRetries: DEFAULT_RETRY_POLICY.maxRetries,
	retryDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs,
};

/** Version 1 kept rate and parallel items in "Throughput" and had no retry settings. */
export function readWhatsAppRunOptions(ctx: IExecuteFunctions): RunOptions {
	if (ctx.getNode().typeVersion >= 2) return readRunOptions(ctx, WHATSAPP_RUN_DEFAULTS);
	const throughput = ctx.getNodeParameter('throughput', 0, {}) as IDataObject;
	return {
		concurrency: Number(throughput.concurrency ?? DEFAULT_CONCURRENCY),
		ratePerSecond: Number(throughput.messagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND),
		retry: {},
	};
}

export async function openWhatsAppRun(ctx: IExecuteFunctions, options: RunOptions): Promise<WhatsAppRun> {
	const graph = await GraphClient.create(ctx, 'chatflowWhatsAppApi', { concurrency: options.concurrency, retry: options.retry });
	return {
		graph,
		limiterFor: (phoneNumberId) => getRateLimiter(`whatsapp:${phoneNumberId}`, { ratePerSecond: options.ratePerSecond }),
		templates: new Map(),
		sendOnce: await openSendOnce(ctx),
	};
}

/** A failed item's details: every channel's shape from version 2 on; version 1 only Meta's codes. */
export function describeWhatsAppFailure(ctx: IExecuteFunctions, error: unknown): IDataObject {
	return ctx.getNode().typeVersion >= 2 ? failedItemDetails(error, graphErrorDetails) : describeGraphError(error);
}
