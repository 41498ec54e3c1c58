import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeItemsConcurrently, getRateLimiter } from '../../shared/concurrency';
import { MessageFieldError } from '../../shared/fields';
import {
	broadcastViberMessage,
	DEFAULT_VIBER_RETRY,
	getViberAccountInfo,
	getViberUserDetails,
	sendViberMessage,
	setViberWebhook,
	ViberClient,
} from '../../shared/viber';
import { readReceivers, readViberContent, readViberEnvelope } from './readMessage';

/** Runs every item through its resource/operation, in parallel under the bot's rate limit. */
export async function executeViber(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = Number(settings.concurrency ?? 5);
	const viber = await ViberClient.create(this, {
		concurrency,
		retry: {
			maxRetries: Number(settings.maxRetries ?? DEFAULT_VIBER_RETRY.maxRetries),
			baseDelayMs: Number(settings.retryDelayMs ?? DEFAULT_VIBER_RETRY.baseDelayMs),
		},
	});
	// One limiter per bot, keyed by a hash so the token never becomes a map key in memory dumps.
	const limiter = getRateLimiter(`viber:${viber.botKey}`, { ratePerSecond: Number(settings.ratePerSecond ?? 20) });
	const output = await executeItemsConcurrently(
		this,
		async (i) => {
			const request = { itemIndex: i, limiter };
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			switch (`${resource}:${operation}`) {
				case 'message:send':
					return await sendViberMessage(
						viber,
						this.getNodeParameter('receiver', i) as string,
						readViberEnvelope(this, i, viber.sender),
						readViberContent(this, i),
						request,
					);
				case 'message:broadcast':
					return await broadcastViberMessage(viber, readReceivers(this, i), readViberEnvelope(this, i, viber.sender), readViberContent(this, i), request);
				case 'account:getInfo':
					return await getViberAccountInfo(viber, request);
				case 'account:getUserDetails':
					return await getViberUserDetails(viber, this.getNodeParameter('userId', i) as string, request);
				case 'webhook:set':
					return await setViberWebhook(
						viber,
						{
							url: this.getNodeParameter('webhookUrl', i) as string,
							eventTypes: this.getNodeParameter('eventTypes', i, []) as string[],
							sendName: this.getNodeParameter('sendName', i, true) as boolean,
							sendPhoto: this.getNodeParameter('sendPhoto', i, true) as boolean,
						},
						request,
					);
				case 'webhook:remove':
					return await setViberWebhook(viber, { url: '' }, request);
				default:
					throw new MessageFieldError('operation', `unknown operation "${operation}" for resource "${resource}"`);
			}
		},
		{ concurrency, describeError: describeViberError },
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
