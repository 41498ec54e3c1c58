/**
 * State store: key/value strings with expiry and atomic set-if-absent, in this process or in
 * Redis. Used by webhook de-duplication (triggers) and by the conversation engine (waits,
 * sessions, keywords).
 *
 * ```ts
 * import { openStore } from '../shared/store';
 *
 * // In a node: the optional chatflowRedisApi credential decides where state lives.
 * const store = openStore(redisCredentials, 'dedupe:');   // memory when `redisCredentials` is undefined
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
 * - Redis: ioredis (`./redisClient`): one server, URL, Sentinel or Cluster, with TLS and ACL
 *   users; one client per credential for the whole process. Errors are `RedisStoreError`s naming
 *   where Redis is and the command, never a password, key or value. `SET NX PX` for
 *   setIfAbsent, one-key Lua scripts for take and deleteIfEquals (so Cluster runs them too).
 * - `closeRedisConnections()` closes every client (tests, shutdown).
 */
import { MemoryStore, processWideEntries } from './memoryStore';
import { clientFor, closeRedisClients, describeTarget, type RedisCredentials } from './redisClient';
import { RedisStore } from './redisStore';
import { processSignals, redisSignals, type Signals } from './signals';
import type { KeyValueStore } from './types';

export type { KeyValueStore } from './types';
export type { Signals } from './signals';
export { MemoryStore } from './memoryStore';
export { RedisStore } from './redisStore';
export { clientFor, createClient, describeTarget, RedisStoreError, type RedisClient, type RedisCredentials } from './redisClient';

const DEFAULT_NAMESPACE = 'chatflow:';

/** The namespace every key of a credential starts with. */
export function namespaceOf(credentials: RedisCredentials | undefined): string {
	return credentials?.namespace ?? DEFAULT_NAMESPACE;
}

/**
 * The store for a node: Redis when `credentials` are given (a chatflowRedisApi credential),
 * this process's memory otherwise. `scope` is prepended to every key (e.g. `dedupe:`).
 */
export function openStore(credentials: RedisCredentials | undefined, scope = ''): KeyValueStore {
	if (!credentials) return new MemoryStore(DEFAULT_NAMESPACE + scope, processWideEntries());
	return new RedisStore(clientFor(credentials), namespaceOf(credentials) + scope, describeTarget(credentials));
}

/** Wake-up signals between the processes that share the store (see `./signals`). */
export function openSignals(credentials: RedisCredentials | undefined, scope = ''): Signals {
	return credentials ? redisSignals(credentials, namespaceOf(credentials) + scope) : processSignals(DEFAULT_NAMESPACE + scope);
}

/** Closes every Redis client of this process (tests, shutdown). */
export async function closeRedisConnections(): Promise<void> {
	await closeRedisClients();
}

export { chatflowRedisConnectionTest } from './credentialTest';
