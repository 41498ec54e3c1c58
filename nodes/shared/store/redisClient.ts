/**
 * Redis clients for the state store, on ioredis (the client n8n's own queue mode uses): one
 * server, a URL, Sentinel or Cluster; ACL user and password; TLS with an optional CA, client
 * certificate and server name. One client per credential per process, opened on first use and
 * reconnected by ioredis after a drop; a command fails within seconds while Redis is away
 * instead of queueing forever. Errors name where Redis is, never a password or a stored value.
 */
import { createHash } from 'node:crypto';

import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** The fields of a chatflowRedisApi credential (older credentials have only host … namespace). */
export interface RedisCredentials {
	connectionType?: 'standalone' | 'url' | 'sentinel' | 'cluster';
	host?: string;
	port?: number;
	url?: string;
	sentinels?: string;
	masterName?: string;
	sentinelPassword?: string;
	clusterNodes?: string;
	username?: string;
	password?: string;
	database?: number;
	tls?: boolean;
	tlsCa?: string;
	tlsCert?: string;
	tlsKey?: string;
	tlsServerName?: string;
	tlsVerify?: boolean;
	namespace?: string;
}

export type RedisClient = Redis | Cluster;

/** A Redis failure worded for users: where, what, never a password or a stored value. */
export class RedisStoreError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RedisStoreError';
	}
}

/**
 * How long connecting may take, how long a command may wait for its answer (also while the
 * connection is not ready: a server that accepts connections and never answers), and how often a
 * command is tried again while Redis is unreachable: a node fails clearly within seconds rather
 * than hanging an execution.
 */
const CONNECT_TIMEOUT_MS = 5_000;
const COMMAND_TIMEOUT_MS = 10_000;
const RETRIES_PER_COMMAND = 2;

const CLIENTS_KEY = Symbol.for('n8n-nodes-chatflow.redisClients');

/** Every client of this process, by credential (shared by every copy of this module). */
function clients(): Map<string, RedisClient> {
	const holder = globalThis as unknown as Record<symbol, Map<string, RedisClient> | undefined>;
	holder[CLIENTS_KEY] ??= new Map<string, RedisClient>();
	return holder[CLIENTS_KEY];
}

/** The shared client of a credential (`role` keeps a subscriber apart from the command client). */
export function clientFor(credentials: RedisCredentials, role: 'commands' | 'subscriber' = 'commands'): RedisClient {
	// The key is a hash, so no password is kept readable in the map's keys.
	const key = createHash('sha256').update(JSON.stringify([role, connectionSettings(credentials)])).digest('hex');
	const pool = clients();
	let client = pool.get(key);
	if (!client) {
		const created = createClient(credentials);
		// ioredis emits connection errors as events (without a listener Node would print them);
		// the last one explains a command that failed because no connection could be made.
		created.on('error', (error: Error) => connectionErrors.set(created, error));
		created.on('ready', () => connectionErrors.delete(created));
		pool.set(key, (client = created));
	}
	return client;
}

const connectionErrors = new WeakMap<RedisClient, Error>();

/** Why the client could not connect last time, while it has not connected since. */
export function lastConnectionError(client: RedisClient): Error | undefined {
	return connectionErrors.get(client);
}

/** A client of its own (credential test): the caller quits it. */
export function createClient(credentials: RedisCredentials): RedisClient {
	const type = credentials.connectionType ?? 'standalone';
	const common: RedisOptions = {
		username: credentials.username || undefined,
		password: credentials.password || undefined,
		db: type === 'cluster' ? 0 : Number(credentials.database) || 0,
		connectTimeout: CONNECT_TIMEOUT_MS,
		commandTimeout: COMMAND_TIMEOUT_MS,
		maxRetriesPerRequest: RETRIES_PER_COMMAND,
		lazyConnect: true,
		tls: tlsOptions(credentials),
	};
	if (type === 'url') {
		const url = String(credentials.url ?? '').trim();
		if (!/^rediss?:\/\//.test(url)) throw new RedisStoreError('State Store credential: the URL must start with redis:// or rediss://');
		return new Redis(url, { ...common, ...(url.startsWith('rediss://') && !common.tls ? { tls: {} } : {}) });
	}
	if (type === 'sentinel') {
		const sentinels = hostPorts('Sentinels', credentials.sentinels, 26379);
		return new Redis({
			...common,
			sentinels,
			name: String(credentials.masterName || 'mymaster'),
			sentinelPassword: credentials.sentinelPassword || undefined,
			sentinelTLS: common.tls,
			enableTLSForSentinelMode: Boolean(common.tls),
			sentinelRetryStrategy: (times: number) => Math.min(times * 200, 2_000),
		});
	}
	if (type === 'cluster') {
		const nodes = hostPorts('Cluster Nodes', credentials.clusterNodes, 6379);
		const { db: _db, ...redisOptions } = common;
		const options: ClusterOptions = {
			redisOptions,
			lazyConnect: true,
			clusterRetryStrategy: (times: number) => Math.min(times * 200, 2_000),
		};
		return new Cluster(nodes, options);
	}
	return new Redis({ ...common, host: credentials.host || '127.0.0.1', port: Number(credentials.port) || 6379 });
}

/** Where a credential points, for error messages (no secrets). */
export function describeTarget(credentials: RedisCredentials): string {
	switch (credentials.connectionType) {
		case 'url':
			return `Redis at ${redact(String(credentials.url ?? ''))}`;
		case 'sentinel':
			return `Redis master "${credentials.masterName || 'mymaster'}" via sentinels ${credentials.sentinels ?? ''}`;
		case 'cluster':
			return `Redis Cluster ${credentials.clusterNodes ?? ''}`;
		default:
			return `Redis at ${credentials.host || '127.0.0.1'}:${Number(credentials.port) || 6379}`;
	}
}

/** Closes every client of this process (tests, shutdown). */
export async function closeRedisClients(): Promise<void> {
	const pool = clients();
	const all = [...pool.values()];
	pool.clear();
	await Promise.all(all.map(async (client) => await client.quit().catch(() => client.disconnect())));
}

function tlsOptions(credentials: RedisCredentials): RedisOptions['tls'] {
	if (!credentials.tls) return undefined;
	const pem = (value: string | undefined) => (value && value.trim() ? value.replace(/\\n/g, '\n') : undefined);
	return {
		ca: pem(credentials.tlsCa),
		cert: pem(credentials.tlsCert),
		key: pem(credentials.tlsKey),
		servername: credentials.tlsServerName || undefined,
		rejectUnauthorized: credentials.tlsVerify !== false,
	};
}

function hostPorts(field: string, value: string | undefined, defaultPort: number): Array<{ host: string; port: number }> {
	const entries = String(value ?? '')
		.split(/[\s,]+/)
		.map((entry) => entry.trim())
		.filter(Boolean);
	if (entries.length === 0) throw new RedisStoreError(`State Store credential: ${field} is empty (host:port, comma-separated)`);
	return entries.map((entry) => {
		const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(entry);
		if (!match) throw new RedisStoreError(`State Store credential: ${field}: "${entry}" is not host:port`);
		return { host: match[1], port: match[2] ? Number(match[2]) : defaultPort };
	});
}

/** What decides which server and how: everything but the namespace. */
function connectionSettings(credentials: RedisCredentials): Omit<RedisCredentials, 'namespace'> {
	const { namespace: _namespace, ...settings } = credentials;
	return settings;
}

function redact(url: string): string {
	return url.replace(/\/\/[^@/]*@/, '//***@');
}
