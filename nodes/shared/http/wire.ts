import { request as httpRequest, type Agent, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform, pipeline, type Readable } from 'node:stream';

import { markInUse } from './agents';
import { isStreamed, writeBody } from './bodyChunks';
import { toTransportFailure, TransportFailure } from './failure';
import type { BodyChunk, HttpResponse, HttpStreamResponse } from './types';

/** One exchange on the wire, as the layer sends it after authentication and egress checks. */
export interface WireRequest {
	method: string;
	url: URL;
	/** Complete, content-length included. */
	headers: OutgoingHttpHeaders;
	/** Written chunk after chunk: a file is streamed from its buffer or its store, never copied. */
	body?: BodyChunk[];
	timeoutMs: number;
	maxResponseBytes: number;
	signal?: AbortSignal;
	/** Hand a 2xx body over as a stream instead of collecting it. */
	stream?: boolean;
}

/**
 * Sends one request over a pooled agent and resolves with the answer, whatever its status.
 * Rejects with a TransportFailure: ETIMEDOUT after `timeoutMs` for the whole exchange,
 * ECANCELED when the execution is stopped, E_RESPONSE_TOO_LARGE past `maxResponseBytes`,
 * EGRESS_REFUSED from n8n's rules at connect time, else the socket's own code.
 */
export async function sendOnce(agent: Agent, wire: WireRequest): Promise<HttpResponse | HttpStreamResponse> {
	return await new Promise((resolve, reject) => {
		const send = wire.url.protocol === 'https:' ? httpsRequest : httpRequest;
		const { url } = wire;
		// Options rather than the URL object: Node would convert the URL for every request.
		const request = send({
			protocol: url.protocol,
			hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
			port: url.port || undefined,
			path: `${url.pathname}${url.search}`,
			method: wire.method,
			headers: wire.headers,
			agent,
		});
		let done = false;
		const cleanup = () => {
			clearTimeout(timer);
			wire.signal?.removeEventListener('abort', onAbort);
		};
		const fail = (error: unknown) => {
			cleanup();
			if (done) return;
			done = true;
			reject(toTransportFailure(error));
		};
		const timer = setTimeout(
			() => request.destroy(new TransportFailure('ETIMEDOUT', `No complete answer within ${wire.timeoutMs} ms`)),
			wire.timeoutMs,
		);
		const onAbort = () => request.destroy(new TransportFailure('ECANCELED', 'The execution was stopped; the request was cancelled'));
		if (wire.signal?.aborted) onAbort();
		else wire.signal?.addEventListener('abort', onAbort, { once: true });

		request.on('socket', markInUse);
		request.on('error', fail);
		request.on('response', (response: IncomingMessage) => {
			// After the answer has begun, errors (timeout, cancellation, a reset) surface here.
			response.on('error', fail);
			const cutOff = () => {
				fail(tooLarge(wire.maxResponseBytes));
				request.destroy();
			};
			if (declaredLength(response.rawHeaders) > wire.maxResponseBytes) {
				cutOff();
				return;
			}
			const statusCode = response.statusCode ?? 0;
			if (wire.stream && statusCode >= 200 && statusCode < 300) {
				done = true;
				const limited = limitBytes(wire.maxResponseBytes);
				pipeline(response, limited, (error: Error | null) => {
					cleanup();
					if (error) request.destroy();
				});
				resolve(new StreamAnswer(response, limited));
				return;
			}
			const chunks: Buffer[] = [];
			let received = 0;
			response.on('data', (chunk: Buffer) => {
				received += chunk.length;
				if (received > wire.maxResponseBytes) cutOff();
				else chunks.push(chunk);
			});
			response.on('end', () => {
				cleanup();
				if (done) return;
				done = true;
				resolve(new Answer(response, Buffer.concat(chunks, received)));
			});
		});
		const body = wire.body ?? [];
		if (body.some(isStreamed)) {
			void writeBody(request, body);
			return;
		}
		for (let index = 0; index < body.length - 1; index++) request.write(body[index]);
		request.end(body[body.length - 1]);
	});
}

/** Content-Length from the raw header list (reading `headers` would build an object per answer). */
function declaredLength(rawHeaders: string[]): number {
	for (let index = 0; index < rawHeaders.length; index += 2) {
		if (rawHeaders[index].length === 14 && rawHeaders[index].toLowerCase() === 'content-length') return Number(rawHeaders[index + 1]);
	}
	return 0;
}

/**
 * An answer whose `headers` are read from Node only when asked for: a successful send never
 * looks at them, and Node builds the headers object on first access.
 */
class LazyHeaders {
	readonly statusCode: number;

	constructor(private readonly response: IncomingMessage) {
		this.statusCode = response.statusCode ?? 0;
	}

	get headers(): IncomingHttpHeaders {
		return this.response.headers;
	}
}

class Answer extends LazyHeaders implements HttpResponse {
	constructor(
		response: IncomingMessage,
		readonly body: Buffer,
	) {
		super(response);
	}
}

class StreamAnswer extends LazyHeaders implements HttpStreamResponse {
	constructor(
		response: IncomingMessage,
		readonly stream: Readable,
	) {
		super(response);
	}
}

function tooLarge(limit: number): TransportFailure {
	return new TransportFailure('E_RESPONSE_TOO_LARGE', `The answer is larger than the limit of ${limit} bytes`);
}

/**
 * Passes bytes through up to `limit`; past it, fails the stream with E_RESPONSE_TOO_LARGE (the
 * pipeline then destroys the answer, and its connection, too).
 */
function limitBytes(limit: number): Transform {
	let passed = 0;
	return new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			passed += chunk.length;
			callback(passed > limit ? tooLarge(limit) : null, passed > limit ? undefined : chunk);
		},
	});
}
