import { createHash } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { RateLimiter } from '../concurrency';
import { jsonBody, PlatformHttp, toTransportFailure, type HttpContext, type HttpResponse, type TransportFailure } from '../http';
import { DEFAULT_RETRY_POLICY, networkRetryClass, retryAfterMs, withRetries, type RetryClass, type RetryPolicy } from '../retry';
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

/** What the client needs from n8n: execute and hook contexts both fit. */
export interface ViberContext extends HttpContext {
	getCredentials: IExecuteFunctions['getCredentials'];
}

/** One request to Viber's bot API: the same shape as a Graph request. */
export interface ViberRequest {
	endpoint: ViberEndpoint;
	body: IDataObject;
	/**
	 * True when sending twice is harmless (reads, set_webhook). Sends are not idempotent: a lost
	 * answer may hide a delivered message, so only answers that prove non-delivery are retried.
	 */
	idempotent: boolean;
	/** Acquired before every attempt (the bot's throughput); paused by status 12 for every sender. */
	limiter?: RateLimiter;
	/** For error context in n8n's UI. */
	itemIndex?: number;
}

export interface ViberClientOptions {
	retry?: Partial<RetryPolicy>;
	/** Requests the run keeps in flight (the node's concurrency): sizes the connection pool. */
	concurrency?: number;
}

/**
 * Viber's status 12 says the bot was throttled and the message was not delivered, like Meta's
 * 130429; "Max Retries" bounds it (so throughput retries get no separate, larger budget).
 */
export const DEFAULT_VIBER_RETRY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRetries: 4, maxThroughputRetries: 4, baseDelayMs: 1000 };

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

type Failure = { network: TransportFailure } | { http: HttpResponse } | { answer: ViberResponse };

/**
 * One Viber bot (a credential) as seen by one node run, with the same shape as GraphClient:
 * the credential is read once, requests go through the shared HTTP layer, and the shared retry
 * loop retries what certainly was not delivered (status 12, connections that never opened)
 * plus failures of idempotent requests. Viber answers HTTP 200 with a `status` in the body;
 * a non-zero status becomes a NodeApiError naming it.
 */
export class ViberClient {
	private constructor(
		private readonly ctx: ViberContext,
		private readonly credentials: ICredentialDataDecryptedObject,
		readonly retryPolicy: RetryPolicy,
		private readonly http: PlatformHttp,
	) {}

	static async create(ctx: ViberContext, options: ViberClientOptions = {}): Promise<ViberClient> {
		const credentials = await ctx.getCredentials(VIBER_CREDENTIAL);
		const http = PlatformHttp.open(ctx, VIBER_CREDENTIAL, credentials, { concurrency: options.concurrency });
		const retry = { ...DEFAULT_VIBER_RETRY, ...options.retry };
		return new ViberClient(ctx, credentials, { ...retry, maxThroughputRetries: retry.maxRetries }, http);
	}

	/** The sender the credential names (a message may override it). */
	get sender(): { name: string; avatar?: string } {
		return { name: this.text('senderName'), avatar: this.text('senderAvatar') || undefined };
	}

	/** A key for the bot that does not reveal its token (rate limiter, logs). */
	get botKey(): string {
		return createHash('sha256').update(this.text('authToken')).digest('hex').slice(0, 16);
	}

	get baseUrl(): string {
		return (this.text('baseUrl') || 'https://chatapi.viber.com/pa').replace(/\/+$/, '');
	}

	async request(request: ViberRequest): Promise<ViberResponse> {
		const { endpoint, idempotent } = request;
		const httpRequest = { method: 'POST' as const, url: `${this.baseUrl}/${endpoint}`, body: jsonBody(request.body), timeoutMs: 60_000, maxResponseBytes: MAX_ANSWER_BYTES };
		return await withRetries<ViberResponse, Failure>({
			platform: 'Viber',
			policy: this.retryPolicy,
			limiter: request.limiter,
			signal: this.http.signal,
			attempt: async () => {
				let response: HttpResponse;
				try {
					response = await this.http.send(httpRequest);
				} catch (error) {
					return { ok: false, failure: { network: toTransportFailure(error) } };
				}
				if (response.statusCode !== 200) return { ok: false, failure: { http: response } };
				const answer = parseViberBody(response.body);
				return answer.status === 0 ? { ok: true, value: answer } : { ok: false, failure: { answer } };
			},
			classify: (failure) => classify(failure, idempotent),
			hintMs: (failure) => ('http' in failure ? retryAfterMs(failure.http.headers as Record<string, unknown>) : undefined),
			fail: (failure, attempts, note) => this.error(endpoint, failure, request.itemIndex, attempts, note),
		});
	}

	private text(field: string): string {
		const value = this.credentials[field];
		return value === undefined || value === null ? '' : String(value);
	}

	private error(endpoint: ViberEndpoint, failure: Failure, itemIndex: number | undefined, attempts: number, note?: string): NodeApiError {
		const node = this.ctx.getNode();
		if ('network' in failure) {
			const { code, message, description } = failure.network;
			return new NodeApiError(node, { network_code: code, message } as JsonObject, {
				message: `Viber ${endpoint} request failed: ${code} (${message})`,
				description: [description, note].filter(Boolean).join('\n') || undefined,
				itemIndex,
			});
		}
		if ('http' in failure) {
			const status = failure.http.statusCode;
			const text = failure.http.body.toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200);
			return new NodeApiError(node, { httpCode: String(status) } as JsonObject, {
				message: `Viber ${endpoint} answered HTTP ${status}${text ? `: ${text}` : ''}`,
				description: note,
				httpCode: String(status),
				itemIndex,
			});
		}
		const response = failure.answer;
		const name = viberStatusName(response.status);
		const detail = response.status_message && response.status_message !== name ? `: ${response.status_message}` : '';
		const error = new NodeApiError(node, response as unknown as JsonObject, {
			message: `Viber ${endpoint} failed with status ${response.status} (${name})${detail}`,
			description: [viberStatusHint(response.status), note].filter(Boolean).join(' ') || undefined,
			httpCode: '200',
			itemIndex,
		});
		error.context.viberStatus = response.status;
		error.context.viberStatusName = name;
		return error;
	}
}

/** Status 12 was throttled and not delivered; network failures follow the shared rules. */
function classify(failure: Failure, idempotent: boolean): RetryClass | undefined {
	if ('network' in failure) return networkRetryClass(failure.network.code, idempotent);
	if ('http' in failure) {
		const status = failure.http.statusCode;
		if (status === 429) return 'rateLimit';
		return idempotent && status >= 500 ? 'transient' : undefined;
	}
	return RETRYABLE_VIBER_STATUSES.has(failure.answer.status) ? 'throughput' : undefined;
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
