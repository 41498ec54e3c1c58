import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { GraphApiError, networkCodeOf, parseGraphError } from './errors';
import { encodeMultipart } from './multipart';
import { backoffDelay, classifyFailure, DEFAULT_RETRY_POLICY, waitHintMs, type RetryPolicy } from './retryPolicy';
import type {
	GraphBinaryResponse,
	GraphContext,
	GraphCredentialType,
	GraphErrorInfo,
	GraphRequest,
} from './types';
import { sharedSecureContext } from './tlsContext';
import { buildGraphUrl } from './url';

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

type Attempt = { ok: true; response: RawResponse } | { ok: false; info: GraphErrorInfo; headers?: Record<string, unknown> };

/**
 * One Graph API account (a credential) as seen by one node run. Loads the credential once,
 * builds URLs from its baseUrl + apiVersion, authenticates through n8n's
 * `httpRequestWithAuthentication`, retries what channels.md §4 says is safe to retry, and
 * throws `GraphApiError` (a NodeApiError) for everything else.
 */
export class GraphClient {
	/** Handed to every request, so that n8n does not read and decrypt the credential again. */
	private readonly decrypted: ICredentialsDecrypted;

	private constructor(
		private readonly ctx: GraphContext,
		readonly credentialType: GraphCredentialType,
		private readonly credentials: ICredentialDataDecryptedObject,
		readonly retryPolicy: RetryPolicy,
	) {
		// Once per run: n8n's getNode() returns a deep copy of the node.
		const reference = ctx.getNode().credentials?.[credentialType];
		this.decrypted = { id: reference?.id ?? '', name: reference?.name ?? '', type: credentialType, data: credentials };
	}

	static async create(
		ctx: GraphContext,
		credentialType: GraphCredentialType,
		retry: Partial<RetryPolicy> = {},
	): Promise<GraphClient> {
		const credentials = await ctx.getCredentials(credentialType);
		return new GraphClient(ctx, credentialType, credentials, { ...DEFAULT_RETRY_POLICY, ...retry });
	}

	/** A non-secret credential field (ids, version); never use it for the token. */
	field(name: string): string {
		if (/token|secret|key|password/i.test(name)) throw new Error(`GraphClient.field: refusing to read secret field ${name}`);
		const value = this.credentials[name];
		return value === undefined || value === null ? '' : String(value).trim();
	}

	url(path: string): string {
		return buildGraphUrl(this.credentials, path);
	}

	/** A JSON request; resolves with the parsed body. */
	async request<T = IDataObject>(request: GraphRequest): Promise<T> {
		const response = await this.execute({ ...request, responseType: 'json' });
		return response.body as T;
	}

	/** A binary request (media download); resolves with the bytes and their type. */
	async download(request: Omit<GraphRequest, 'responseType'>): Promise<GraphBinaryResponse> {
		const response = await this.execute({ ...request, responseType: 'buffer' });
		const mimeType = headerString(response.headers, 'content-type')?.split(';')[0].trim();
		const disposition = headerString(response.headers, 'content-disposition');
		const fileName = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
		return { data: response.body as Buffer, mimeType, fileName: fileName ? decodeURIComponent(fileName) : undefined };
	}

	private async execute(request: GraphRequest): Promise<RawResponse> {
		const idempotent = request.idempotent ?? request.method !== 'POST';
		const options = await this.buildOptions(request);
		const policy = this.retryPolicy;
		for (let attempt = 1; ; attempt++) {
			if (request.limiter) await request.limiter.acquire();
			const outcome = await this.attempt(options, request);
			if (outcome.ok) return outcome.response;

			const retryClass = classifyFailure(outcome.info, idempotent);
			const hint = waitHintMs(outcome.headers);
			const fail = (note?: string) =>
				new GraphApiError(this.ctx.getNode(), outcome.info, { itemIndex: request.itemIndex, attempts: attempt, note });
			if (!retryClass) throw fail();
			// A throughput refusal was certainly not delivered: it may be retried for longer.
			const maxRetries = retryClass === 'throughput' ? Math.max(policy.maxRetries, policy.maxThroughputRetries) : policy.maxRetries;
			if (attempt > maxRetries) throw fail(`Gave up after ${attempt} attempts.`);
			if (hint !== undefined && hint > policy.maxHintMs) {
				throw fail(`Meta asks to wait ${Math.ceil(hint / 1000)} s before trying again; not retried.`);
			}
			const accountWide = request.limiter !== undefined && (retryClass === 'throughput' || retryClass === 'rateLimit');
			// Under a limiter, a throughput refusal lowers the account's rate (which paces the retry);
			// the retry's own wait then stays short instead of growing per item.
			const backoffStep = accountWide && retryClass === 'throughput' ? Math.min(attempt, 2) : attempt;
			const delay = Math.max(backoffDelay(retryClass, backoffStep, policy), hint ?? 0);
			if (accountWide) {
				request.limiter!.throttle();
				request.limiter!.pause(Math.max(hint ?? 0, policy.baseDelayMs));
			}
			await sleep(delay);
		}
	}

	private async buildOptions(request: GraphRequest): Promise<IHttpRequestOptions> {
		const binaryTransfer = request.multipart !== undefined || request.responseType === 'buffer';
		const options: IHttpRequestOptions = {
			method: request.method,
			url: this.url(request.path),
			qs: request.qs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			encoding: request.responseType === 'buffer' ? 'arraybuffer' : 'text',
			timeout: request.timeoutMs ?? (binaryTransfer ? 300_000 : 60_000),
			headers: { accept: request.responseType === 'buffer' ? '*/*' : 'application/json' },
			agentOptions: { secureContext: sharedSecureContext() },
		};
		if (request.multipart) {
			const { body, contentType } = await encodeMultipart(request.multipart);
			options.body = body;
			options.headers = { ...options.headers, 'content-type': contentType };
		} else if (request.body !== undefined) {
			options.body = JSON.stringify(request.body);
			options.headers = { ...options.headers, 'content-type': 'application/json' };
		}
		return options;
	}

	private async attempt(options: IHttpRequestOptions, request: GraphRequest): Promise<Attempt> {
		let raw: RawResponse;
		try {
			raw = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx as never,
				this.credentialType,
				{ ...options, headers: { ...options.headers } },
				// The credential was decrypted once for this run: without this, n8n reads and
				// decrypts it from the database again for every request (the largest per-send cost).
				{ credentialsDecrypted: this.decrypted },
			)) as RawResponse;
		} catch (error) {
			return { ok: false, info: failureFromThrown(error) };
		}
		const headers = (raw.headers ?? {}) as Record<string, unknown>;
		const status = Number(raw.statusCode);
		if (request.responseType === 'buffer' && status >= 200 && status < 300) {
			return { ok: true, response: { statusCode: status, headers, body: toBuffer(raw.body) } };
		}
		const text = bodyText(raw.body);
		const parsed = parseJsonSafely(text);
		const graphError = parseGraphError(parsed);
		if (graphError) return { ok: false, info: { ...graphError, http_status: status }, headers };
		if (status < 200 || status >= 300) {
			return {
				ok: false,
				info: { http_status: status, message: `Graph API answered HTTP ${status}${text ? `: ${excerpt(text)}` : ' with an empty body'}` },
				headers,
			};
		}
		if (text.trim() === '') {
			return { ok: false, info: { http_status: status, message: `Graph API answered HTTP ${status} with an empty body (expected JSON)` }, headers };
		}
		if (parsed === undefined || typeof parsed !== 'object' || parsed === null) {
			return { ok: false, info: { http_status: status, message: `Graph API answered HTTP ${status} with a body that is not a JSON object: ${excerpt(text)}` }, headers };
		}
		return { ok: true, response: { statusCode: status, headers, body: parsed } };
	}
}

/** A thrown request: a network failure, or (with other request helpers) an HTTP error. */
function failureFromThrown(error: unknown): GraphErrorInfo {
	const response = findResponse(error);
	if (response) {
		const graphError = parseGraphError(parseJsonSafely(bodyText(response.data)));
		if (graphError) return { ...graphError, http_status: response.status };
		return { http_status: response.status, message: `Graph API answered HTTP ${response.status}` };
	}
	const networkCode = networkCodeOf(error);
	const message = error instanceof Error ? error.message : String(error);
	return { network_code: networkCode ?? 'UNKNOWN', message };
}

function findResponse(error: unknown): { status: number; data: unknown } | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current; depth++) {
		const response = (current as { response?: { status?: unknown; data?: unknown } }).response;
		if (response && typeof response.status === 'number') return { status: response.status, data: response.data };
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	return JSON.stringify(body); // a helper that already parsed JSON
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'binary');
	return Buffer.alloc(0);
}

function parseJsonSafely(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function excerpt(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

function headerString(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? String(value[0]) : String(value);
}
