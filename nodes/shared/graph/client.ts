import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { encodeMultipart, jsonBody, PlatformHttp, toTransportFailure, type HttpRequest, type HttpResponse, type HttpStreamResponse } from '../http';
import { DEFAULT_RETRY_POLICY, headerText, withRetries, type RetryPolicy } from '../retry';
import { GraphApiError, parseGraphError } from './errors';
import { classifyFailure, waitHintMs } from './retryPolicy';
import type { GraphBinaryResponse, GraphContext, GraphCredentialType, GraphErrorInfo, GraphRequest, GraphStreamResponse } from './types';
import { buildGraphUrl } from './url';

interface Failure {
	info: GraphErrorInfo;
	headers?: Record<string, unknown>;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export interface GraphClientOptions {
	retry?: Partial<RetryPolicy>;
	/** Requests the run keeps in flight (the node's concurrency): sizes the connection pool. */
	concurrency?: number;
}

const MAX_JSON_BYTES = 16 * 1024 * 1024;
/** WhatsApp media is at most 100 MB (documents); a little room for other Graph downloads. */
const MAX_DOWNLOAD_BYTES = 128 * 1024 * 1024;

/**
 * One Graph API account (a credential) as seen by one node run. Loads the credential once,
 * builds URLs from its baseUrl + apiVersion, sends through the shared HTTP layer (keep-alive,
 * inside n8n's egress rules), retries what is safe to retry (./retryPolicy), and throws
 * `GraphApiError` (a NodeApiError) for everything else.
 */
export class GraphClient {
	private constructor(
		private readonly ctx: GraphContext,
		readonly credentialType: GraphCredentialType,
		private readonly credentials: ICredentialDataDecryptedObject,
		readonly retryPolicy: RetryPolicy,
		private readonly http: PlatformHttp,
	) {}

	static async create(ctx: GraphContext, credentialType: GraphCredentialType, options: GraphClientOptions = {}): Promise<GraphClient> {
		const credentials = await ctx.getCredentials(credentialType);
		const http = PlatformHttp.open(ctx, credentialType, credentials, { concurrency: options.concurrency });
		return new GraphClient(ctx, credentialType, credentials, { ...DEFAULT_RETRY_POLICY, ...options.retry }, http);
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
		return (await this.execute(request, (response) => this.json(response))) as T;
	}

	/** A binary request (media download) into memory; resolves with the bytes and their type. */
	async download(request: Omit<GraphRequest, 'responseType'>): Promise<GraphBinaryResponse> {
		return await this.execute({ ...request, responseType: 'buffer' }, (response) =>
			succeeded(response) && 'body' in response ? { ok: true, value: { data: response.body, ...fileInfo(response) } } : this.failed(response),
		);
	}

	/**
	 * A binary request whose bytes are streamed, not collected: hand `stream` to
	 * `prepareBinaryData`, which writes it to n8n's binary store. Retries happen before the
	 * body starts; a failure while it flows fails the stream.
	 */
	async downloadStream(request: Omit<GraphRequest, 'responseType'>): Promise<GraphStreamResponse> {
		return await this.execute({ ...request, responseType: 'stream' }, (response) =>
			'stream' in response ? { ok: true, value: { stream: response.stream, ...fileInfo(response) } } : this.failed(response),
		);
	}

	private async execute<T>(request: GraphRequest, accept: (response: HttpResponse | HttpStreamResponse) => Attempt<T>): Promise<T> {
		const idempotent = request.idempotent ?? request.method !== 'POST';
		const httpRequest = this.buildRequest(request);
		const stream = request.responseType === 'stream';
		return await withRetries<T, Failure>({
			platform: 'Meta',
			policy: this.retryPolicy,
			limiter: request.limiter,
			signal: this.http.signal,
			attempt: async () => {
				try {
					return accept(stream ? await this.http.sendStreaming(httpRequest) : await this.http.send(httpRequest));
				} catch (error) {
					const failure = toTransportFailure(error);
					const info: GraphErrorInfo = { network_code: failure.code, message: failure.message };
					if (failure.description) info.details = failure.description;
					return { ok: false, failure: { info } };
				}
			},
			classify: (failure) => classifyFailure(failure.info, idempotent),
			hintMs: (failure) => waitHintMs(failure.headers),
			fail: (failure, attempts, note) => new GraphApiError(this.ctx.getNode(), failure.info, { itemIndex: request.itemIndex, attempts, note }),
		});
	}

	private buildRequest(request: GraphRequest): HttpRequest {
		const binaryTransfer = request.multipart !== undefined || request.responseType === 'buffer' || request.responseType === 'stream';
		const binaryAnswer = request.responseType === 'buffer' || request.responseType === 'stream';
		return {
			method: request.method,
			url: this.url(request.path),
			qs: request.qs,
			// Downloads keep a User-Agent, as n8n's helper (axios) always sent one: file hosts such as
			// Meta's lookaside.fbsbx.com may refuse clients without one. API calls need none.
			headers: binaryAnswer ? { 'user-agent': 'n8n-nodes-chatflow' } : undefined,
			body: request.multipart ? encodeMultipart(request.multipart) : request.body !== undefined ? jsonBody(request.body) : undefined,
			timeoutMs: request.timeoutMs ?? (binaryTransfer ? 300_000 : 60_000),
			maxResponseBytes: request.maxResponseBytes ?? (binaryAnswer ? MAX_DOWNLOAD_BYTES : MAX_JSON_BYTES),
			followRedirects: binaryAnswer,
		};
	}

	/** A binary request's answer that is not the file: Meta's error, or what it was instead. */
	private failed(response: HttpResponse | HttpStreamResponse): Attempt<never> {
		const outcome = this.json(response);
		if (!outcome.ok) return outcome;
		return { ok: false, failure: { info: { http_status: response.statusCode, message: `Graph API answered HTTP ${response.statusCode} with JSON instead of a file` } } };
	}

	/** A JSON answer: Meta's error object, an HTTP error, or a JSON object. */
	private json(response: HttpResponse | HttpStreamResponse): Attempt<unknown> {
		const status = response.statusCode;
		const headers = response.headers as Record<string, unknown>;
		const text = 'body' in response ? response.body.toString('utf8') : '';
		const parsed = parseJsonSafely(text);
		const graphError = parseGraphError(parsed);
		if (graphError) return { ok: false, failure: { info: { ...graphError, http_status: status }, headers } };
		if (status < 200 || status >= 300) {
			return { ok: false, failure: { info: { http_status: status, message: `Graph API answered HTTP ${status}${text ? `: ${excerpt(text)}` : ' with an empty body'}` }, headers } };
		}
		if (text.trim() === '') {
			return { ok: false, failure: { info: { http_status: status, message: `Graph API answered HTTP ${status} with an empty body (expected JSON)` }, headers } };
		}
		if (typeof parsed !== 'object' || parsed === null) {
			return { ok: false, failure: { info: { http_status: status, message: `Graph API answered HTTP ${status} with a body that is not a JSON object: ${excerpt(text)}` }, headers } };
		}
		return { ok: true, value: parsed };
	}
}

function succeeded(response: HttpResponse | HttpStreamResponse): boolean {
	return response.statusCode >= 200 && response.statusCode < 300;
}

function fileInfo(response: HttpResponse | HttpStreamResponse): { mimeType?: string; fileName?: string } {
	const headers = response.headers as Record<string, unknown>;
	const mimeType = headerText(headers, 'content-type')?.split(';')[0].trim();
	const disposition = headerText(headers, 'content-disposition');
	const fileName = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
	return { mimeType, fileName: fileName ? decodeURIComponent(fileName) : undefined };
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
