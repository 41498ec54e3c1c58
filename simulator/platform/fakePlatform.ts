import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

import { installChannelRoutes } from './channels';
import { graphError, marketingMessagesSend, messengerSend, viberBroadcast, viberSend, whatsAppSend } from './defaults';
import { installFlowMediaRoutes } from './flowMedia';
import { installFlowsRoutes } from './flows';
import { compileRoute, matchRoute, type Route } from './routes';
import type { ConnectionStats, FakePlatformOptions, RecordedRequest, Responder, ScriptedResponse } from './types';

const GRAPH = '/:version';

/**
 * A fake of the platforms this package talks to (Graph API for WhatsApp, Messenger and
 * Instagram; Viber's bot API) on loopback. It records every request with its raw bytes, answers
 * with realistic defaults, and lets a test script answers and errors per route.
 *
 * Routes registered later take precedence; `once()` answers are used up first. Unknown routes
 * get 404 with a Graph-style error, so a wrong path fails a test instead of passing silently.
 */
export class FakePlatform {
	readonly requests: RecordedRequest[] = [];

	/**
	 * Message templates of the account as `GET /{WABA}/message_templates` returns them. When any
	 * are known, template sends are checked against them the way the Cloud API does
	 * (`templateSend.ts`); `serveTemplates()` sets them and answers the list. Cleared by `reset()`.
	 */
	templates: Array<Record<string, unknown>> = [];

	/** Connections, TLS handshakes and idle closes since start (or the last `resetStats()`). */
	readonly stats: ConnectionStats = { connections: 0, tlsHandshakes: 0, idleCloses: 0 };

	private routes: Route[] = [];

	private readonly sockets = new Set<Socket>();

	private readonly idleTimers = new Map<Socket, NodeJS.Timeout>();

	private constructor(
		private readonly server: Server,
		private readonly options: FakePlatformOptions,
	) {}

	static async start(options: FakePlatformOptions = {}): Promise<FakePlatform> {
		const handler = (req: IncomingMessage, res: ServerResponse) => void platform.handle(req, res);
		const server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
		// With closeIdleAfterMs the fake closes idle connections itself, and Node's own timer (which
		// announces itself in a Keep-Alive header that clients honour) is off.
		server.keepAliveTimeout = options.closeIdleAfterMs !== undefined ? 0 : 30_000;
		const platform = new FakePlatform(server, options);
		// TLS servers emit 'connection' for the TCP socket and 'secureConnection' after the handshake.
		server.on('connection', (socket: Socket) => {
			platform.stats.connections++;
			platform.sockets.add(socket);
			socket.on('close', () => platform.sockets.delete(socket));
		});
		if (options.tls) server.on('secureConnection', () => platform.stats.tlsHandshakes++);
		platform.installDefaults();
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
		});
		return platform;
	}

	get port(): number {
		return (this.server.address() as AddressInfo).port;
	}

	/** Base URL to put into a credential's "Base URL" field. */
	get url(): string {
		return `${this.options.tls ? 'https' : 'http'}://${this.options.host ?? '127.0.0.1'}:${this.port}`;
	}

	/** Answer every matching request with `responder` (takes precedence over earlier routes). */
	on(method: string, pattern: string | RegExp, responder: Responder | ScriptedResponse): this {
		this.routes.unshift(compileRoute(method, pattern, toResponder(responder)));
		return this;
	}

	/** Answer the next `times` matching requests with `response`, then fall back. */
	once(method: string, pattern: string | RegExp, response: Responder | ScriptedResponse, times = 1): this {
		this.routes.unshift(compileRoute(method, pattern, toResponder(response), times));
		return this;
	}

	/** Requests whose method and path match; `pattern` as in `on()`. */
	received(method: string, pattern: string | RegExp): RecordedRequest[] {
		const route = compileRoute(method, pattern, () => ({}));
		return this.requests.filter((request) => matchRoute(route, request.method, request.path));
	}

	/** Resolves once `count` requests match, or rejects after `timeoutMs`. */
	async waitFor(method: string, pattern: string | RegExp, count = 1, timeoutMs = 10_000): Promise<RecordedRequest[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = this.received(method, pattern);
			if (found.length >= count) return found;
			if (Date.now() > deadline) {
				throw new Error(
					`fake platform: expected ${count} ${method} ${String(pattern)} request(s), got ${found.length}; received: ` +
						this.requests.map((r) => `${r.method} ${r.path}`).join(', '),
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}

	/** Knows `templates` (sends are checked against them) and lists them at `GET /{wabaId}/message_templates` (filter `name`). */
	serveTemplates(wabaId: string, templates: Array<Record<string, unknown>>): this {
		this.templates = templates;
		return this.on('GET', `${GRAPH}/${wabaId}/message_templates`, (request) => ({
			json: { data: this.templates.filter((t) => !request.query.name || t.name === request.query.name), paging: { cursors: { before: 'QVFIUk', after: 'QVFIUl' } } },
		}));
	}

	/** Zero the connection statistics. */
	resetStats(): void {
		Object.assign(this.stats, { connections: 0, tlsHandshakes: 0, idleCloses: 0 });
	}

	/** Forget recorded requests and scripted routes; keep the defaults. */
	reset(): void {
		this.requests.length = 0;
		this.routes = [];
		this.templates = [];
		this.installDefaults();
	}

	async close(): Promise<void> {
		for (const timer of this.idleTimers.values()) clearTimeout(timer);
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private installDefaults(): void {
		this.on('*', '*', (request) =>
			graphError(100, `Unsupported ${request.method} request to ${request.path} (fake platform has no such route)`, 404),
		);
		this.on('POST', `${GRAPH}/:phoneNumberId/messages`, (request) =>
			request.path.includes('/me/') ? messengerSend(request) : routeSend(request, this.templates),
		);
		this.on('POST', `${GRAPH}/:phoneNumberId/marketing_messages`, (request) => marketingMessagesSend(request, this.templates));
		this.on('POST', '/send_message', viberSend);
		this.on('POST', '/pa/send_message', viberSend);
		this.on('POST', '/broadcast_message', viberBroadcast);
		this.on('POST', '/pa/broadcast_message', viberBroadcast);
		installChannelRoutes(this);
		installFlowsRoutes(this);
		installFlowMediaRoutes(this);
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		this.busy(req.socket);
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const request: RecordedRequest = {
			method: (req.method ?? 'GET').toUpperCase(),
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body,
			json: parseJson(body, req.headers['content-type']),
			receivedAt: performance.now(),
		};
		this.requests.push(request);
		if (this.options.maxRecorded && this.requests.length > this.options.maxRecorded) this.requests.shift();

		let response: ScriptedResponse;
		try {
			response = this.authFailure(request) ?? (await this.dispatch(request));
		} catch (error) {
			response = { status: 500, json: { error: { message: `fake platform responder threw: ${String(error)}` } } };
		}
		this.options.onAnswer?.(request, response);
		const delay = (this.options.latencyMs ?? 0) + (response.delayMs ?? 0);
		if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
		if (response.dropConnection) {
			req.socket.destroy();
			return;
		}
		const payload = response.json !== undefined ? JSON.stringify(response.json) : (response.body ?? '');
		res.writeHead(response.status ?? 200, {
			'content-type': response.json !== undefined ? 'application/json' : 'text/plain',
			...response.headers,
		});
		res.end(payload);
		res.once('finish', () => this.idle(req.socket));
	}

	/** A request arrived on this connection: it is not idle. */
	private busy(socket: Socket): void {
		clearTimeout(this.idleTimers.get(socket));
		this.idleTimers.delete(socket);
	}

	/** The answer went out: with closeIdleAfterMs, close the connection unless a request comes first. */
	private idle(socket: Socket): void {
		const after = this.options.closeIdleAfterMs;
		if (after === undefined || socket.destroyed) return;
		this.busy(socket);
		const timer = setTimeout(() => {
			this.idleTimers.delete(socket);
			if (socket.destroyed) return;
			this.stats.idleCloses++;
			socket.destroy();
		}, after);
		timer.unref();
		this.idleTimers.set(socket, timer);
	}

	private async dispatch(request: RecordedRequest): Promise<ScriptedResponse> {
		for (const route of this.routes) {
			const params = matchRoute(route, request.method, request.path);
			if (!params) continue;
			if (route.remaining !== undefined) {
				route.remaining -= 1;
				if (route.remaining <= 0) this.routes.splice(this.routes.indexOf(route), 1);
			}
			return await route.responder(request, params);
		}
		return graphError(100, 'no route', 404);
	}

	/** Checks credentials the way the platforms do, when the test asked for it. */
	private authFailure(request: RecordedRequest): ScriptedResponse | undefined {
		const isViber = request.path.startsWith('/pa/') || !request.path.startsWith('/v');
		if (isViber && this.options.acceptedViberTokens && request.path !== '/media') {
			const token = request.headers['x-viber-auth-token'];
			if (!this.options.acceptedViberTokens.includes(String(token ?? ''))) {
				return { json: { status: 2, status_message: 'invalidAuthToken' } };
			}
		}
		if (!isViber && this.options.acceptedTokens) {
			const header = String(request.headers.authorization ?? '');
			const token = header.startsWith('Bearer ') ? header.slice(7) : (request.query.access_token ?? '');
			if (!this.options.acceptedTokens.includes(token)) {
				return graphError(190, 'Invalid OAuth access token - Cannot parse access token', 401);
			}
		}
		return undefined;
	}
}

function routeSend(request: RecordedRequest, templates: Array<Record<string, unknown>>): ScriptedResponse {
	const body = (request.json ?? {}) as Record<string, unknown>;
	if ('messaging_product' in body || !('recipient' in body)) return whatsAppSend(request, templates);
	return messengerSend(request);
}

function toResponder(value: Responder | ScriptedResponse): Responder {
	return typeof value === 'function' ? value : () => value;
}

function parseJson(body: Buffer, contentType: string | undefined): unknown {
	if (body.length === 0) return undefined;
	if (contentType && !contentType.includes('json') && !contentType.includes('text/plain')) return undefined;
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}
