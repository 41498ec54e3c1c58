import { Readable } from 'node:stream';

import type { ICredentialsDecrypted, IHttpRequestOptions } from 'n8n-workflow';

import { collectBody } from './bodyChunks';
import { toTransportFailure, TransportFailure } from './failure';
import { sharedSecureContext } from './tlsContext';
import type { HttpContext, HttpRequest, HttpResponse, HttpStreamResponse } from './types';

/**
 * The same exchange through n8n's `httpRequestWithAuthentication`, for an n8n without an egress
 * filter (older than 2.x). n8n then applies the credential, its proxy settings and whatever
 * outbound rules it has; each request opens a new connection. The credential decrypted once for
 * the run is handed over, so n8n does not read and decrypt it again for every request.
 */
export async function sendThroughN8n(
	ctx: HttpContext,
	/** Undefined for a request without credential: n8n's plain `httpRequest` then. */
	credential: { type: string; decrypted: ICredentialsDecrypted } | undefined,
	request: HttpRequest,
	signal: AbortSignal | undefined,
	stream: boolean,
): Promise<HttpResponse | HttpStreamResponse> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		qs: request.qs,
		headers: { ...request.headers, ...(request.body ? { 'content-type': request.body.contentType } : {}) },
		// n8n's helper takes no streamed body: a file from the binary store is read whole here.
		body: request.body ? await collectBody(request.body.chunks) : undefined,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'arraybuffer',
		timeout: request.timeoutMs,
		disableFollowRedirect: request.followRedirects !== true,
		agentOptions: { secureContext: sharedSecureContext() },
		...(signal ? { abortSignal: signal } : {}),
	};
	let raw: { statusCode?: unknown; headers?: unknown; body?: unknown };
	let thrown: unknown;
	try {
		raw = (
			credential
				? await ctx.helpers.httpRequestWithAuthentication.call(ctx as never, credential.type, options, { credentialsDecrypted: credential.decrypted })
				: await ctx.helpers.httpRequest!(options)
		) as typeof raw;
	} catch (error) {
		thrown = error;
		raw = {};
	}
	if (thrown !== undefined) {
		// Other request helpers throw for HTTP errors: the answer is still the platform's.
		const answer = responseOf(thrown);
		if (answer) return { statusCode: answer.status, headers: {}, body: toBuffer(answer.data) };
		if (signal?.aborted) throw new TransportFailure('ECANCELED', 'The execution was stopped; the request was cancelled');
		throw toTransportFailure(thrown);
	}
	const body = toBuffer(raw.body);
	if (body.length > request.maxResponseBytes) {
		throw new TransportFailure('E_RESPONSE_TOO_LARGE', `The answer is larger than the limit of ${request.maxResponseBytes} bytes`);
	}
	const statusCode = Number(raw.statusCode);
	const headers = (raw.headers ?? {}) as HttpResponse['headers'];
	if (stream && statusCode >= 200 && statusCode < 300) return { statusCode, headers, stream: Readable.from([body]) };
	return { statusCode, headers, body };
}

function responseOf(error: unknown): { status: number; data: unknown } | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current; depth++) {
		const response = (current as { response?: { status?: unknown; data?: unknown } }).response;
		if (response && typeof response.status === 'number') return { status: response.status, data: response.data };
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function toBuffer(body: unknown): Buffer {
	if (body === undefined || body === null) return Buffer.alloc(0);
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(JSON.stringify(body), 'utf8'); // a helper that already parsed JSON
}
