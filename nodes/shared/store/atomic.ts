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
 *   between their read and their write. (The Map itself is shared by every node of the process.)
 */
import { connectionFor, openStore, type RedisCredentials } from './index';
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

const DEFAULT_NAMESPACE = 'chatflow:';

/** How often `update` retries after losing a race before it gives up with an error. */
const MAX_UPDATE_ATTEMPTS = 50;

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
	const compareAndSet = credentials
		? redisCompareAndSet(credentials, (credentials.namespace ?? DEFAULT_NAMESPACE) + scope)
		: memoryCompareAndSet(base, DEFAULT_NAMESPACE + scope);
	return withUpdate(base, compareAndSet);
}

type CompareAndSet = AtomicStore['compareAndSet'];

function redisCompareAndSet(credentials: RedisCredentials, namespace: string): CompareAndSet {
	return async (key, expected, next, ttlMs) => {
		const ttl = ttlMs !== undefined && ttlMs > 0 ? String(Math.ceil(ttlMs)) : '0';
		const reply = await connectionFor(credentials).command([
			'EVAL',
			COMPARE_AND_SET,
			'1',
			namespace + key,
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

function memoryCompareAndSet(store: KeyValueStore, namespace: string): CompareAndSet {
	return async (key, expected, next, ttlMs) => {
		const queueKey = namespace + key;
		const pending = queues();
		const previous = pending.get(queueKey) ?? Promise.resolve();
		const run = previous.then(async () => {
			if ((await store.get(key)) !== expected) return false;
			if (next === undefined) await store.delete(key);
			else await store.set(key, next, ttlMs);
			return true;
		});
		const settled = run.catch(() => undefined);
		pending.set(queueKey, settled);
		try {
			return await run;
		} finally {
			// Drop the chain when nothing queued behind us, so the map does not grow.
			if (pending.get(queueKey) === settled) pending.delete(queueKey);
		}
	};
}

function withUpdate(base: KeyValueStore, compareAndSet: CompareAndSet): AtomicStore {
	const update: AtomicStore['update'] = async (key, change, ttlMs) => {
		for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
			const current = await base.get(key);
			const next = change(current);
			if (await compareAndSet(key, current, next, ttlMs)) return next;
		}
		throw new Error(`state store: gave up updating a key after ${MAX_UPDATE_ATTEMPTS} conflicting writes`);
	};
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
