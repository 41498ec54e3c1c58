import { createHash } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeItemsConcurrently, getRateLimiter } from '../../shared/concurrency';
import { MessageFieldError } from '../../shared/limits';
import {
	broadcastViberMessage,
	DEFAULT_VIBER_RETRY,
	getViberAccountInfo,
	getViberUserDetails,
	sendViberMessage,
	setViberWebhook,
	VIBER_CREDENTIAL,
	type RetryPolicy,
	type ViberCredentials,
} from '../../shared/viber';
import { readReceivers, readViberContent, readViberEnvelope } from './readMessage';

/** Runs every item through its resource/operation, in parallel under the bot's rate limit. */
export async function executeViber(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const credentials = await this.getCredentials<ViberCredentials>(VIBER_CREDENTIAL);
	const settings = this.getNodeParameter('options', 0, {}) as IDataObject;
	// One limiter per bot, keyed by a hash so the token never becomes a map key in memory dumps.
	const limiter = getRateLimiter(`viber:${createHash('sha256').update(credentials.authToken).digest('hex').slice(0, 16)}`, {
		ratePerSecond: Number(settings.ratePerSecond ?? 20),
	});
	const retry: RetryPolicy = {
		...DEFAULT_VIBER_RETRY,
		maxRetries: Number(settings.maxRetries ?? DEFAULT_VIBER_RETRY.maxRetries),
		initialDelayMs: Number(settings.retryDelayMs ?? DEFAULT_VIBER_RETRY.initialDelayMs),
	};
	const output = await executeItemsConcurrently(
		this,
		async (i) => {
			const request = {
				itemIndex: i,
				retry,
				throttle: async () => await limiter.acquire(),
				onTooManyRequests: (delayMs: number) => limiter.pause(delayMs),
			};
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			switch (`${resource}:${operation}`) {
				case 'message:send':
					return await sendViberMessage.call(
						this,
						this.getNodeParameter('receiver', i) as string,
						readViberEnvelope(this, i, credentials),
						readViberContent(this, i),
						request,
					);
				case 'message:broadcast':
					return await broadcastViberMessage.call(this, readReceivers(this, i), readViberEnvelope(this, i, credentials), readViberContent(this, i), request);
				case 'account:getInfo':
					return await getViberAccountInfo.call(this, request);
				case 'account:getUserDetails':
					return await getViberUserDetails.call(this, this.getNodeParameter('userId', i) as string, request);
				case 'webhook:set':
					return await setViberWebhook.call(
						this,
						{
							url: this.getNodeParameter('webhookUrl', i) as string,
							eventTypes: this.getNodeParameter('eventTypes', i, []) as string[],
							sendName: this.getNodeParameter('sendName', i, true) as boolean,
							sendPhoto: this.getNodeParameter('sendPhoto', i, true) as boolean,
						},
						request,
					);
				case 'webhook:remove':
					return await setViberWebhook.call(this, { url: '' }, request);
				default:
					throw new MessageFieldError('operation', `unknown operation "${operation}" for resource "${resource}"`);
			}
		},
		{ concurrency: Number(settings.concurrency ?? 5), describeError: describeViberError },
	);
	return [output];
}

/** Extra fields of a failed item under "Continue On Fail", so a flow can branch on them. */
function describeViberError(error: unknown): IDataObject {
	if (error instanceof MessageFieldError) return { field: error.field };
	const context = (error as { context?: IDataObject }).context;
	if (context?.viberStatus !== undefined) return { viberStatus: context.viberStatus, viberStatusName: context.viberStatusName };
	return {};
}
