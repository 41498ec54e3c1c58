/**
 * State store: key/value strings with expiry and atomic set-if-absent, in this process or in
 * Redis. Used by webhook de-duplication (triggers) and by the conversation engine (waits,
 * sessions, keywords).
 *
 * ```ts
 * import { openStore } from '../shared/store';
 *
 * // In a node: the optional chatflowRedisApi credential decides where state lives.
 * const redis = await getOptionalCredentials(this, 'chatflowRedisApi'); // or undefined
 * const store = openStore(redis, 'dedupe:');   // memory when `redis` is undefined
 * if (await store.setIfAbsent(`wamid.X`, '1', 24 * 3600_000)) { ...first time... }
 * await store.set('session:123', JSON.stringify(state), 30 * 60_000);
 * const waiting = await store.take('wait:123'); // atomic read + delete: one process wins
 * ```
 *
 * - `openStore(credentials?, scope?)` returns a `KeyValueStore` (see `./types`): get, set,
 *   setIfAbsent, take, delete, deleteIfEquals, ping. Keys are prefixed with the credential's
 *   namespace (default `chatflow:`) and then `scope`, so callers never clash.
 * - Memory: one Map per process (on globalThis), expired keys dropped on read and swept on
 *   write, at most 200,000 keys. Correct for one n8n process; in queue mode every webhook
 *   process and worker has its own Map, so use Redis there.
 * - Redis: RESP2 over `node:net` (no client library). One pipelined connection per credential
 *   (host, port, user, password, database) for the whole process, opened on first use and
 *   reopened after it drops. Errors are `RedisStoreError`s naming host:port and the command,
 *   never a password, key or value. `SET NX PX` for setIfAbsent, Lua `EVAL` for take and
 *   deleteIfEquals (Redis ≥ 2.6).
 * - `closeRedisConnections()` closes every connection (tests, shutdown).
 */
import { createHash } from 'node:crypto';

import { MemoryStore, processWideEntries } from './memoryStore';
import { RedisConnection } from './redisConnection';
import { RedisStore } from './redisStore';
import type { KeyValueStore } from './types';

export type { KeyValueStore } from './types';
export { MemoryStore } from './memoryStore';
export { RedisStore } from './redisStore';
export { RedisConnection, RedisStoreError } from './redisConnection';

/** The fields of a chatflowRedisApi credential. */
export interface RedisCredentials {
	host?: string;
	port?: number;
	username?: string;
	password?: string;
	database?: number;
	namespace?: string;
}

const DEFAULT_NAMESPACE = 'chatflow:';

const CONNECTIONS_KEY = Symbol.for('n8n-nodes-chatflow.redisConnections');

function connections(): Map<string, RedisConnection> {
	const holder = globalThis as unknown as Record<symbol, Map<string, RedisConnection> | undefined>;
	holder[CONNECTIONS_KEY] ??= new Map<string, RedisConnection>();
	return holder[CONNECTIONS_KEY];
}

/**
 * The store for a node: Redis when `credentials` are given (a chatflowRedisApi credential),
 * this process's memory otherwise. `scope` is prepended to every key (e.g. `dedupe:`).
 */
export function openStore(credentials: RedisCredentials | undefined, scope = ''): KeyValueStore {
	if (!credentials) return new MemoryStore(DEFAULT_NAMESPACE + scope, processWideEntries());
	const namespace = (credentials.namespace ?? DEFAULT_NAMESPACE) + scope;
	return new RedisStore(connectionFor(credentials), namespace);
}

/** The shared connection for one credential; created on first use. */
export function connectionFor(credentials: RedisCredentials): RedisConnection {
	const options = {
		host: credentials.host || '127.0.0.1',
		port: Number(credentials.port) || 6379,
		username: credentials.username || undefined,
		password: credentials.password || undefined,
		database: Number(credentials.database) || 0,
	};
	// The key is a hash, so the password is not kept readable in the map's keys.
	const key = createHash('sha256').update(JSON.stringify(options)).digest('hex');
	const pool = connections();
	let connection = pool.get(key);
	if (!connection) pool.set(key, (connection = new RedisConnection(options)));
	return connection;
}

/** Closes every Redis connection of this process (tests, shutdown). */
export function closeRedisConnections(): void {
	const pool = connections();
	for (const connection of pool.values()) connection.close();
	pool.clear();
}

export { chatflowRedisConnectionTest } from './credentialTest';
