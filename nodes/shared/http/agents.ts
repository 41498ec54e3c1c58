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
 * - At most MAX_POOLS_PER_FILTER pools per filter: a new origin beyond that evicts the least
 *   recently used pool that has no request in flight (evictOne).
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
		if (byKey.size >= MAX_POOLS_PER_FILTER) evictOne(byKey);
		agent = createAgent(filter, url.protocol, proxy, maxSockets);
	} else {
		// The map keeps insertion order: taking the pool out and in again makes it the most recently used.
		byKey.delete(key);
		if (agent.maxSockets < maxSockets) {
			agent.maxSockets = maxSockets;
			agent.maxFreeSockets = maxSockets;
		}
	}
	byKey.set(key, agent);
	return agent;
}

/**
 * Makes room for one more pool: the least recently used one without requests in flight goes
 * (its idle connections closed). When every pool is busy, the least recently used one leaves
 * the map but is not destroyed: destroying it would kill the answers still on their way.
 */
function evictOne(byKey: Map<string, Pooled>): void {
	let victim: [string, Pooled] | undefined;
	for (const entry of byKey) {
		if (!busy(entry[1])) {
			victim = entry;
			break;
		}
	}
	victim ??= byKey.entries().next().value as [string, Pooled];
	byKey.delete(victim[0]);
	retire(victim[1]);
}

/** Requests that hold a connection of the pool or wait for one. */
function busy(agent: Pooled): boolean {
	const hasAny = (lists: NodeJS.ReadOnlyDict<unknown[]>) => Object.values(lists).some((list) => (list?.length ?? 0) > 0);
	return hasAny(agent.sockets) || hasAny(agent.requests);
}

/**
 * Closes a pool that has left the map. An idle one is destroyed at once; a busy one drains:
 * its idle connections close now, every other one closes as soon as its exchange ends instead
 * of going back to the pool (`keepSocketAlive`), and the agent is destroyed once nothing uses it.
 */
function retire(agent: Pooled): void {
	if (!busy(agent)) {
		agent.destroy();
		return;
	}
	agent.keepSocketAlive = () => false;
	for (const list of Object.values(agent.freeSockets)) for (const socket of list ?? []) socket.destroy();
	const watchedSockets = new WeakSet<Socket>();
	const check = () => {
		if (busy(agent)) return;
		agent.off('free', watch);
		agent.destroy();
	};
	// Node removes a socket from `sockets` only once it has closed, which is after 'free'.
	const watch = (socket: Socket) => {
		if (watchedSockets.has(socket)) return;
		watchedSockets.add(socket);
		socket.once('close', () => setImmediate(check));
	};
	for (const list of Object.values(agent.sockets)) for (const socket of list ?? []) watch(socket as Socket);
	agent.on('free', watch);
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
