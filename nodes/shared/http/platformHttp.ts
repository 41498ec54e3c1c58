import type { Agent, OutgoingHttpHeaders } from 'node:http';

import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, IDataObject } from 'n8n-workflow';

import { agentFor } from './agents';
import { authenticationOf, type Authentication, type PlatformCredentialType } from './authenticate';
import { bodyLength } from './bodyChunks';
import { checkRedirect, checkTarget, egressFilterOf, type EgressFilter } from './egress';
import { TransportFailure } from './failure';
import { sendThroughN8n } from './fallback';
import { proxySetting, type ProxySetting } from './proxy';
import type { HttpContext, HttpRequest, HttpResponse, HttpStreamResponse } from './types';
import { sendOnce, type WireRequest } from './wire';

export interface PlatformHttpOptions {
	/** Requests the run keeps in flight; the origin's pool keeps at least this many connections. */
	concurrency?: number;
}

const DEFAULT_CONCURRENCY = 10;
const MAX_REDIRECTS = 5;
const MAX_CACHED_URLS = 64;

/**
 * The HTTP layer as one node run sees it: one credential, decrypted once, and one way to send.
 *
 * With n8n's egress filter (n8n 2.x) requests go over this process's keep-alive pools
 * (agents.ts): the credential's own `authenticate` is applied here (authenticate.ts), each
 * origin is checked once per run with the filter's `validateUrl` (which also covers targets
 * reached through a forward proxy), connections resolve names through the filter's secure
 * lookup, and redirects (GET only) are checked hop by hop. Without the filter, requests go
 * through n8n's `httpRequestWithAuthentication` (fallback.ts), and n8n says so once in its log.
 *
 * Either way: a timeout for the whole exchange, a limit on the answer's size, cancellation when
 * the execution is stopped, and failures as TransportFailure with a code the shared retry rules
 * understand. It never retries by itself; the clients' retry loop decides.
 */
export class PlatformHttp {
	/** Fires when the execution is stopped. */
	readonly signal: AbortSignal | undefined;

	private readonly urls = new Map<string, URL>();

	/** What the credential's authenticate adds, learnt on the run's first request. */
	private authentication: Authentication | undefined;

	private pendingAuthentication: Promise<Authentication> | undefined;

	/** Per origin, for this run: its pool, and the pre-flight check until it has passed. */
	private readonly origins = new Map<string, { agent: Agent; check?: Promise<void> }>();

	private constructor(
		private readonly ctx: HttpContext,
		/** Undefined: requests carry no credential (public links such as a CDN file's signed URL). */
		private readonly credentialType: PlatformCredentialType | undefined,
		private readonly credentials: ICredentialDataDecryptedObject,
		private readonly filter: EgressFilter | undefined,
		private readonly decrypted: ICredentialsDecrypted | undefined,
		private readonly maxSockets: number,
		private readonly proxy: ProxySetting,
	) {
		this.signal = ctx.getExecutionCancelSignal?.();
	}

	static open(
		ctx: HttpContext,
		credentialType: PlatformCredentialType,
		credentials: ICredentialDataDecryptedObject,
		options: PlatformHttpOptions = {},
	): PlatformHttp {
		const proxy = proxySetting();
		const filter = egressFilterOf(ctx, proxy);
		// Once per run, for the fallback only: n8n's getNode() returns a deep copy of the node.
		const reference = filter ? undefined : ctx.getNode().credentials?.[credentialType];
		const decrypted = filter ? undefined : { id: reference?.id ?? '', name: reference?.name ?? '', type: credentialType, data: credentials };
		const concurrency = Math.max(1, Math.floor(Number(options.concurrency) || DEFAULT_CONCURRENCY));
		return new PlatformHttp(ctx, credentialType, credentials, filter, decrypted, concurrency, proxy);
	}

	/**
	 * The same layer for requests that must carry no credential: a signed download link on a
	 * CDN needs none, and the platform's token has no business there.
	 */
	static openAnonymous(ctx: HttpContext, options: PlatformHttpOptions = {}): PlatformHttp {
		const proxy = proxySetting();
		const concurrency = Math.max(1, Math.floor(Number(options.concurrency) || DEFAULT_CONCURRENCY));
		return new PlatformHttp(ctx, undefined, {}, egressFilterOf(ctx, proxy), undefined, concurrency, proxy);
	}

	/** Whether requests use this package's keep-alive pools (false: n8n's request helper). */
	get keepAlive(): boolean {
		return this.filter !== undefined;
	}

	/** Sends a request; resolves with the answer whatever its HTTP status. */
	send(request: HttpRequest): Promise<HttpResponse> {
		// Once the run has authenticated and checked the origin, a request without redirects goes
		// straight to the wire: the path every send of a busy run takes.
		const ready = this.ready(request);
		if (ready) return sendOnce(ready.agent, this.wire(request, ready.url, ready.headers, false)) as Promise<HttpResponse>;
		return this.exchange(request, false) as Promise<HttpResponse>;
	}

	/** As send, but a 2xx body is handed over as a stream (downloads into n8n's binary store). */
	sendStreaming(request: HttpRequest): Promise<HttpResponse | HttpStreamResponse> {
		return this.exchange(request, true);
	}

	/** The pool, URL and headers of a request that needs no await before it is sent, else undefined. */
	private ready(request: HttpRequest): { agent: Agent; url: URL; headers: OutgoingHttpHeaders } | undefined {
		if (!this.filter || !this.authentication || request.followRedirects || this.signal?.aborted) return undefined;
		const url = this.urlOf(request, this.authentication);
		const origin = this.origins.get(url.origin);
		if (!origin || origin.check) return undefined;
		return { agent: origin.agent, url, headers: this.headersFor(request, this.authentication) };
	}

	private async exchange(request: HttpRequest, stream: boolean): Promise<HttpResponse | HttpStreamResponse> {
		if (this.signal?.aborted) throw new TransportFailure('ECANCELED', 'The execution was stopped; the request was not sent');
		if (!this.filter) {
			const credential = this.credentialType ? { type: this.credentialType, decrypted: this.decrypted! } : undefined;
			return await sendThroughN8n(this.ctx, credential, request, this.signal, stream);
		}
		const filter = this.filter;

		const authentication = this.authentication ?? (await this.authenticate());
		let url = this.urlOf(request, authentication);
		let headers = this.headersFor(request, authentication);

		for (let hop = 0; ; hop++) {
			const origin = this.originOf(filter, url);
			if (origin.check) {
				await origin.check;
				origin.check = undefined;
			}
			const response = await sendOnce(origin.agent, this.wire(request, url, headers, stream));
			const location = request.followRedirects && request.method === 'GET' ? redirectLocation(response) : undefined;
			if (!location) return response;
			if (hop >= MAX_REDIRECTS) throw new TransportFailure('E_TOO_MANY_REDIRECTS', `More than ${MAX_REDIRECTS} redirects`);
			const next = new URL(location, url);
			await checkRedirect(filter, next);
			// The credential goes only where it was meant to go (a download link may redirect to a CDN).
			if (next.origin !== url.origin) headers = withoutCredentials(headers);
			url = next;
		}
	}

	private headersFor(request: HttpRequest, authentication: Authentication): OutgoingHttpHeaders {
		const headers: OutgoingHttpHeaders = { ...request.headers, ...authentication.headers };
		if (request.body) {
			headers['content-type'] = request.body.contentType;
			headers['content-length'] = bodyLength(request.body.chunks);
		}
		return headers;
	}

	private wire(request: HttpRequest, url: URL, headers: OutgoingHttpHeaders, stream: boolean): WireRequest {
		return {
			method: request.method,
			url,
			headers,
			body: request.body?.chunks,
			timeoutMs: request.timeoutMs,
			maxResponseBytes: request.maxResponseBytes,
			signal: this.signal,
			stream,
		};
	}

	/**
	 * The request's URL with its query and the credential's. A run sends many requests to the
	 * same endpoint; a URL without a query is parsed once per run (URL objects are not mutated).
	 */
	private urlOf(request: HttpRequest, authentication: Authentication): URL {
		const plain = isEmpty(request.qs) && isEmpty(authentication.qs);
		let url = plain ? this.urls.get(request.url) : undefined;
		if (!url) {
			url = withQuery(request.url, request.qs, authentication.qs);
			if (plain && this.urls.size < MAX_CACHED_URLS) this.urls.set(request.url, url);
		}
		return url;
	}

	private async authenticate(): Promise<Authentication> {
		this.pendingAuthentication ??= this.credentialType
			? authenticationOf(this.credentialType, this.credentials)
			: Promise.resolve({ headers: {}, qs: {} });
		this.authentication = await this.pendingAuthentication;
		return this.authentication;
	}

	/**
	 * The origin's pool and the filter's pre-flight check of it, once per origin and run (n8n's
	 * Kafka node checks once per client too). A refusal stays: every later request to the origin
	 * in this run is refused the same way.
	 */
	private originOf(filter: EgressFilter, url: URL): { agent: Agent; check?: Promise<void> } {
		const key = url.origin;
		let origin = this.origins.get(key);
		if (!origin) {
			origin = { agent: agentFor(filter, url, this.proxy, this.maxSockets), check: checkTarget(filter, url) };
			this.origins.set(key, origin);
		}
		return origin;
	}
}

/** The URL with the query parameters added (arrays repeat the key, objects become JSON). */
function withQuery(base: string, ...queries: Array<IDataObject | undefined>): URL {
	const url = URL.parse(base);
	if (!url) throw new TransportFailure('EINVALIDURL', `Not a valid URL: ${base.split('?')[0]}`);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TransportFailure('EINVALIDURL', `Only http and https URLs can be requested, not ${url.protocol}`);
	for (const qs of queries) {
		for (const name in qs) {
			const value = qs[name];
			if (value === undefined || value === null) continue;
			for (const each of Array.isArray(value) ? value : [value]) {
				url.searchParams.append(name, typeof each === 'object' ? JSON.stringify(each) : String(each));
			}
		}
	}
	return url;
}

function isEmpty(qs: IDataObject | undefined): boolean {
	for (const name in qs) if (qs[name] !== undefined && qs[name] !== null) return false;
	return true;
}

function redirectLocation(response: HttpResponse | HttpStreamResponse): string | undefined {
	if (![301, 302, 303, 307, 308].includes(response.statusCode)) return undefined;
	const location = response.headers.location;
	return typeof location === 'string' && location !== '' ? location : undefined;
}

function withoutCredentials(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
	const kept: OutgoingHttpHeaders = {};
	for (const [name, value] of Object.entries(headers)) {
		if (!/^(authorization|proxy-authorization|cookie|x-viber-auth-token)$/i.test(name)) kept[name] = value;
	}
	return kept;
}
