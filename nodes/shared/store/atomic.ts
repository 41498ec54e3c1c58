/**
 * Compare-and-set on top of the key/value store, for read-modify-write state (sessions) that
 * several executions may change at once. Additive: `openStore` and `KeyValueStore` are untouched.
 *
 * ```ts
 * const store = openAtomicStore(redisCredentials, 'conv:');
 * await store.update('session:x', (current) => JSON.stringify({ ...parse(current), step: 'b' }), ttlMs);
 * ```
 *
 * - Redis: one Lua script (`GET`, compare, `SET PX` / `DEL`), atomic inside Redis.
 * - Memory: a per-key queue in this process, so two updates of one key never interleave
 *   between their read and their write (for writers that go through this module). (The Map itself is shared by every node of the process.)
 */
import { sleep } from 'n8n-workflow';

import { namespaceOf, openStore, type RedisCredentials } from './index';
import { RedisStore } from './redisStore';
import type { KeyValueStore } from './types';

export interface AtomicStore extends KeyValueStore {
	/**
	 * Writes `next` (or deletes the key when `next` is undefined) only while the key still holds
	 * `expected` (undefined: the key must be absent). True when this call changed it.
	 */
	compareAndSet(key: string, expected: string | undefined, next: string | undefined, ttlMs?: number): Promise<boolean>;
	/**
	 * Read, change with `change`, write back, retried until no other writer came in between.
	 * `change` returns the new value, or undefined to delete the key. Resolves with what was written.
	 */
	update(key: string, change: (current: string | undefined) => string | undefined, ttlMs?: number): Promise<string | undefined>;
}

/** How often `update` retries after losing a race before it gives up with an error. */
const MAX_UPDATE_ATTEMPTS = 200;

// ARGV: expected ('' flag in ARGV[1] says "must be absent"), expected value, next flag, next, ttl.
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '0' then
  if current then return 0 end
else
  if current ~= ARGV[2] then return 0 end
end
if ARGV[3] == '0' then
  redis.call('DEL', KEYS[1])
elseif tonumber(ARGV[5]) > 0 then
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
else
  redis.call('SET', KEYS[1], ARGV[4])
end
return 1`;

/** Like `openStore`, with `compareAndSet` and `update`. */
export function openAtomicStore(credentials: RedisCredentials | undefined, scope = ''): AtomicStore {
	const base = openStore(credentials, scope);
	if (base instanceof RedisStore) {
		const compareAndSet = redisCompareAndSet(base);
		return withAtomics(base, compareAndSet, optimisticUpdate(base, compareAndSet));
	}
	const namespace = namespaceOf(credentials) + scope;
	return withAtomics(base, memoryCompareAndSet(base, namespace), memoryUpdate(base, namespace));
}

type CompareAndSet = AtomicStore['compareAndSet'];

function redisCompareAndSet(store: RedisStore): CompareAndSet {
	return async (key, expected, next, ttlMs) => {
		const ttl = ttlMs !== undefined && ttlMs > 0 ? String(Math.ceil(ttlMs)) : '0';
		const reply = await store.evalOnKey(COMPARE_AND_SET, key, [
			expected === undefined ? '0' : '1',
			expected ?? '',
			next === undefined ? '0' : '1',
			next ?? '',
			ttl,
		]);
		return reply === 1;
	};
}

const QUEUES_KEY = Symbol.for('n8n-nodes-chatflow.memoryCompareAndSetQueues');

/** One promise chain per key for the whole process (every module instance shares it). */
function queues(): Map<string, Promise<unknown>> {
	const holder = globalThis as unknown as Record<symbol, Map<string, Promise<unknown>> | undefined>;
	holder[QUEUES_KEY] ??= new Map<string, Promise<unknown>>();
	return holder[QUEUES_KEY];
}

/** Runs `task` after every earlier task queued on `key` in this process has finished. */
async function queued<T>(key: string, task: () => Promise<T>): Promise<T> {
	const pending = queues();
	const run = (pending.get(key) ?? Promise.resolve()).then(task);
	const settled = run.catch(() => undefined);
	pending.set(key, settled);
	try {
		return await run;
	} finally {
		// Drop the chain when nothing queued behind us, so the map does not grow.
		if (pending.get(key) === settled) pending.delete(key);
	}
}

function memoryCompareAndSet(store: KeyValueStore, namespace: string): CompareAndSet {
	return async (key, expected, next, ttlMs) =>
		await queued(namespace + key, async () => {
			if ((await store.get(key)) !== expected) return false;
			if (next === undefined) await store.delete(key);
			else await store.set(key, next, ttlMs);
			return true;
		});
}

/** Memory: the whole read-change-write runs in the key's queue, so it never conflicts. */
function memoryUpdate(store: KeyValueStore, namespace: string): AtomicStore['update'] {
	return async (key, change, ttlMs) =>
		await queued(namespace + key, async () => {
			const next = change(await store.get(key));
			if (next === undefined) await store.delete(key);
			else await store.set(key, next, ttlMs);
			return next;
		});
}

/**
 * Redis: optimistic. Read, change, compare-and-set; on conflict wait a random, growing moment
 * (so racing writers spread out instead of colliding again) and retry.
 */
function optimisticUpdate(base: KeyValueStore, compareAndSet: CompareAndSet): AtomicStore['update'] {
	return async (key, change, ttlMs) => {
		for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
			const current = await base.get(key);
			const next = change(current);
			if (await compareAndSet(key, current, next, ttlMs)) return next;
			await sleep(Math.random() * Math.min(2 ** attempt, 64));
		}
		throw new Error(`state store: gave up updating a key after ${MAX_UPDATE_ATTEMPTS} conflicting writes`);
	};
}

function withAtomics(base: KeyValueStore, compareAndSet: CompareAndSet, update: AtomicStore['update']): AtomicStore {
	return Object.assign(Object.create(base) as KeyValueStore, {
		kind: base.kind,
		get: base.get.bind(base),
		set: base.set.bind(base),
		setIfAbsent: base.setIfAbsent.bind(base),
		take: base.take.bind(base),
		delete: base.delete.bind(base),
		deleteIfEquals: base.deleteIfEquals.bind(base),
		ping: base.ping.bind(base),
		compareAndSet,
		update,
	});
}
