import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';

import { connectionHostRefusal, secureLookup, type EgressFilter } from './egress';
import type { ProxySetting } from './proxy';
import { sharedSecureContext } from './tlsContext';

/**
 * The keep-alive connection pools: one Node agent per process, egress filter, origin and proxy
 * setting, shared by every node run and execution in the process. n8n's request helper builds
 * a new agent for every call (`buildNodeAgents` in @n8n/backend-network), so each message paid
 * a TCP and TLS handshake; here a connection serves request after request.
 *
 * - `maxSockets` is the largest concurrency any run asked for (a run never waits for a socket
 *   held by its own items); requests beyond it queue in the agent.
 * - Idle connections are closed after IDLE_MS, or earlier when the server announces a shorter
 *   `Keep-Alive: timeout` (Node honours it). A server that closes idle connections without
 *   saying so teaches the pool: its idle time is measured and later connections are retired
 *   well before it, so a request is not written into a connection the server is closing.
 * - Every new connection resolves its host through n8n's secure lookup, and a connection to an
 *   IP literal (which Node never looks up) is checked against the same rules before it opens.
 */
const IDLE_MS = 4_000;
const MIN_IDLE_MS = 50;
const MAX_POOLS_PER_FILTER = 64;

type Pooled = HttpAgent & { options: { timeout?: number } };

const pools = new WeakMap<EgressFilter, Map<string, Pooled>>();
const idleSince = Symbol('chatflow.idleSince');
const expired = Symbol('chatflow.expired');
const watched = Symbol('chatflow.watched');

type TrackedSocket = Socket & { [idleSince]?: number; [expired]?: boolean; [watched]?: boolean };

export function agentFor(filter: EgressFilter, url: URL, proxy: ProxySetting, maxSockets: number): HttpAgent {
	let byKey = pools.get(filter);
	if (!byKey) {
		byKey = new Map();
		pools.set(filter, byKey);
	}
	const key = `${url.protocol}//${url.host}\n${proxy.key}`;
	let agent = byKey.get(key);
	if (!agent) {
		if (byKey.size >= MAX_POOLS_PER_FILTER) {
			const [oldestKey, oldest] = byKey.entries().next().value as [string, Pooled];
			oldest.destroy();
			byKey.delete(oldestKey);
		}
		agent = createAgent(filter, url.protocol, proxy, maxSockets);
		byKey.set(key, agent);
	} else if (agent.maxSockets < maxSockets) {
		agent.maxSockets = maxSockets;
		agent.maxFreeSockets = maxSockets;
	}
	return agent;
}

/** A request took this connection: it is no longer idle. */
export function markInUse(socket: Socket): void {
	(socket as TrackedSocket)[idleSince] = undefined;
}

/** Closes every pooled connection (tests, benchmarks). */
export function destroyAgents(filter: EgressFilter): void {
	for (const agent of pools.get(filter)?.values() ?? []) agent.destroy();
	pools.delete(filter);
}

function createAgent(filter: EgressFilter, protocol: string, proxy: ProxySetting, maxSockets: number): Pooled {
	const options = {
		keepAlive: true,
		maxSockets,
		maxFreeSockets: maxSockets,
		timeout: IDLE_MS,
		scheduling: 'lifo' as const,
		lookup: secureLookup(filter),
		proxyEnv: proxy.env,
	};
	const agent = (protocol === 'https:' ? new HttpsAgent({ ...options, secureContext: sharedSecureContext() }) : new HttpAgent(options)) as Pooled;
	guardIpLiterals(agent, filter);
	learnIdleCloses(agent);
	return agent;
}

function guardIpLiterals(agent: Pooled, filter: EgressFilter): void {
	const createConnection = agent.createConnection.bind(agent) as (options: { host?: string }, callback?: (error: Error | null, socket?: Socket) => void) => Socket | undefined;
	(agent as unknown as { createConnection: typeof createConnection }).createConnection = (options, callback) => {
		const refusal = connectionHostRefusal(filter, options.host);
		if (!refusal) return createConnection(options, callback);
		if (!callback) throw refusal;
		callback(refusal);
		return undefined;
	};
}

function learnIdleCloses(agent: Pooled): void {
	agent.on('free', (socket: TrackedSocket, options: object) => {
		// The agent's own 'free' listener ran first: the socket is either idle in the pool now (the
		// last one pushed to its origin's list) or already handed to a waiting request.
		const free = agent.freeSockets[agent.getName(options)];
		if (free?.[free.length - 1] !== socket) return;
		socket[idleSince] = Date.now();
		socket[expired] = false;
		if (socket[watched]) return;
		socket[watched] = true;
		socket.on('timeout', () => (socket[expired] = true));
		socket.on('close', () => {
			const since = socket[idleSince];
			if (since === undefined || socket[expired]) return;
			// The server closed a connection that sat idle in the pool for `idle` ms.
			const idle = Date.now() - since;
			const current = agent.options.timeout ?? IDLE_MS;
			agent.options.timeout = Math.max(MIN_IDLE_MS, Math.min(current, Math.floor(idle / 2)));
		});
	});
}
