import type { IncomingHttpHeaders } from 'node:http';

/** One HTTP request as the fake platform received it, bytes untouched. */
export interface RecordedRequest {
	method: string;
	/** Path without the query string, e.g. `/v26.0/123/messages`. */
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: Buffer;
	/** The body parsed as JSON when it is JSON, else undefined. */
	json?: unknown;
	/** Monotonic receive time in milliseconds (performance.now()). */
	receivedAt: number;
}

/** What a route answers. `json` wins over `body`; `delayMs` is added to the server latency. */
export interface ScriptedResponse {
	status?: number;
	headers?: Record<string, string>;
	json?: unknown;
	body?: string | Buffer;
	delayMs?: number;
	/** Destroy the socket instead of answering (a network failure). */
	dropConnection?: boolean;
}

export type Responder = (
	request: RecordedRequest,
	params: Record<string, string>,
) => ScriptedResponse | Promise<ScriptedResponse>;

export interface FakePlatformOptions {
	/** Added before every answer (simulates the platform's latency). */
	latencyMs?: number;
	/** Serve HTTPS with this key and certificate (for pointing n8n's built-in nodes at it). */
	tls?: { key: string | Buffer; cert: string | Buffer };
	/** Port to listen on; 0 (default) picks a free one. */
	port?: number;
	/**
	 * Loopback address to listen on (default 127.0.0.1). Any 127.x.y.z works on Linux: a benchmark
	 * that impersonates graph.facebook.com:443 takes its own address, so it never collides.
	 */
	host?: string;
	/** Access tokens the Graph API routes accept; when set, others get Meta's error 190. */
	acceptedTokens?: string[];
	/** Viber auth tokens accepted; when set, others get Viber status 2. */
	acceptedViberTokens?: string[];
	/** Keep at most this many recorded requests (benchmarks send tens of thousands). */
	maxRecorded?: number;
	/** Called with every request and its answer, just before the answer is written (the chat simulator's log). */
	onAnswer?: (request: RecordedRequest, response: ScriptedResponse) => void;
	/**
	 * Close a keep-alive connection once it has been idle this long, without announcing it (no
	 * `Keep-Alive: timeout` header), as some servers and load balancers do. Default: Node's
	 * own behaviour (idle connections are closed after 30 s, announced).
	 */
	closeIdleAfterMs?: number;
}

/** What the fake saw of connections (for tests of connection reuse). */
export interface ConnectionStats {
	/** TCP connections accepted. */
	connections: number;
	/** TLS handshakes completed (HTTPS only). */
	tlsHandshakes: number;
	/** Connections the fake itself closed because they sat idle (`closeIdleAfterMs`). */
	idleCloses: number;
}
