import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { backoffDelay, certainlyNotSent, DEFAULT_VIBER_RETRY, type RetryPolicy } from './retry';
import { RETRYABLE_VIBER_STATUSES, viberStatusHint, viberStatusName } from './statusCodes';

export const VIBER_CREDENTIAL = 'chatflowViberApi';

export type ViberEndpoint =
	| 'send_message'
	| 'broadcast_message'
	| 'get_account_info'
	| 'get_user_details'
	| 'get_online'
	| 'set_webhook';

export interface ViberCredentials {
	authToken: string;
	senderName: string;
	senderAvatar?: string;
	baseUrl?: string;
}

/** A Viber answer with `status: 0`; `message_token` is kept as a string (it is a 64-bit integer). */
export interface ViberResponse extends IDataObject {
	status: number;
	status_message?: string;
	message_token?: string;
}

export interface ViberRequestOptions {
	itemIndex?: number;
	retry?: RetryPolicy;
	/**
	 * True when sending twice is harmless (reads, set_webhook). Sends are not idempotent: a lost
	 * answer may hide a delivered message, so only answers that prove non-delivery are retried.
	 */
	idempotent: boolean;
	/** Waits for the per-account rate limiter before each attempt. */
	throttle?: () => Promise<void>;
	/**
	 * Called with the backoff when Viber answers 12 (tooManyRequests): the whole bot is
	 * throttled, so every concurrent sender should hold back, not only this request.
	 */
	onTooManyRequests?: (delayMs: number) => void;
}

/**
 * POSTs JSON to one Viber bot API endpoint with `X-Viber-Auth-Token` (added by the credential),
 * maps a non-zero `status` to a `NodeApiError` naming Viber's status, and retries status 12
 * (tooManyRequests) with exponential backoff.
 */
export async function viberRequest(
	this: IExecuteFunctions,
	endpoint: ViberEndpoint,
	body: IDataObject,
	options: ViberRequestOptions,
): Promise<ViberResponse> {
	const credentials = await this.getCredentials<ViberCredentials>(VIBER_CREDENTIAL, options.itemIndex);
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: `${viberBaseUrl(credentials)}/${endpoint}`,
		body,
		json: true,
		// Raw bytes, so that the 64-bit message_token is read as a string, not rounded.
		encoding: 'arraybuffer',
	};
	const policy = options.retry ?? DEFAULT_VIBER_RETRY;
	for (let retry = 0; ; retry++) {
		await options.throttle?.();
		let raw: unknown;
		try {
			raw = await this.helpers.httpRequestWithAuthentication.call(this, VIBER_CREDENTIAL, request);
		} catch (error) {
			if (retry < policy.maxRetries && (options.idempotent || certainlyNotSent(error))) {
				await pause(this, backoffDelay(policy, retry), `${endpoint}: network error, retry ${retry + 1} of ${policy.maxRetries}`);
				continue;
			}
			throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: options.itemIndex });
		}
		const response = parseViberBody(raw);
		if (response.status === 0) return response;
		if (RETRYABLE_VIBER_STATUSES.has(response.status) && retry < policy.maxRetries) {
			const delay = backoffDelay(policy, retry);
			options.onTooManyRequests?.(delay);
			await pause(this, delay, `${endpoint}: Viber status ${response.status} (${viberStatusName(response.status)}), retry ${retry + 1} of ${policy.maxRetries}`);
			continue;
		}
		throw viberApiError(this, endpoint, response, options.itemIndex, retry);
	}
}

export function viberBaseUrl(credentials: ViberCredentials): string {
	return (credentials.baseUrl || 'https://chatapi.viber.com/pa').replace(/\/+$/, '');
}

async function pause(context: IExecuteFunctions, delay: number, what: string): Promise<void> {
	context.logger.warn(`${what} in ${delay} ms`);
	await sleep(delay);
}

function viberApiError(
	context: IExecuteFunctions,
	endpoint: ViberEndpoint,
	response: ViberResponse,
	itemIndex: number | undefined,
	retries: number,
): NodeApiError {
	const name = viberStatusName(response.status);
	const detail = response.status_message && response.status_message !== name ? `: ${response.status_message}` : '';
	const error = new NodeApiError(context.getNode(), response as unknown as JsonObject, {
		message: `Viber ${endpoint} failed with status ${response.status} (${name})${detail}`,
		description: [viberStatusHint(response.status), retries > 0 ? `Gave up after ${retries} retries.` : undefined]
			.filter(Boolean)
			.join(' ') || undefined,
		httpCode: '200',
		itemIndex,
	});
	error.context.viberStatus = response.status;
	error.context.viberStatusName = name;
	return error;
}

/** Reads Viber's JSON answer, keeping `message_token` (a 64-bit integer) exact as a string. */
export function parseViberBody(raw: unknown): ViberResponse {
	let parsed: unknown = raw;
	if (Buffer.isBuffer(raw) || raw instanceof ArrayBuffer || typeof raw === 'string') {
		const text = typeof raw === 'string' ? raw : Buffer.from(raw as Buffer).toString('utf8');
		try {
			parsed = JSON.parse(text.replace(/("message_token"\s*:\s*)(-?\d+)/g, '$1"$2"'));
		} catch {
			return { status: -1, status_message: `not JSON: ${text.slice(0, 200)}` };
		}
	}
	if (typeof parsed !== 'object' || parsed === null) return { status: -1, status_message: 'empty answer' };
	const response = parsed as ViberResponse;
	if (typeof response.message_token === 'number') response.message_token = String(response.message_token);
	if (typeof response.status !== 'number') response.status = Number(response.status ?? -1);
	return response;
}
