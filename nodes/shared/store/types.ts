/**
 * Key/value state with expiry, shared by the triggers (de-duplication) and the conversation
 * engine (waits, sessions). Values are strings; callers serialise JSON themselves. Keys are
 * given without the namespace: the store adds it.
 */
export interface KeyValueStore {
	/** 'memory' (this process only) or 'redis' (shared by every n8n process). */
	readonly kind: 'memory' | 'redis';
	get(key: string): Promise<string | undefined>;
	/** Writes `value`; with `ttlMs` the key disappears after that many milliseconds. */
	set(key: string, value: string, ttlMs?: number): Promise<void>;
	/**
	 * Atomically writes `value` only when `key` does not exist. True when this call wrote it:
	 * of several processes racing for one key exactly one gets true.
	 */
	setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
	/** Atomically reads and removes `key` (one reader wins). */
	take(key: string): Promise<string | undefined>;
	/** Removes `key`; true when it existed. */
	delete(key: string): Promise<boolean>;
	/** Removes `key` only while it still holds `expected` (releasing a lock that is ours). */
	deleteIfEquals(key: string, expected: string): Promise<boolean>;
	/** Round trip to the backing store; throws a clear error when it is unreachable. */
	ping(): Promise<void>;
}
