import type { KeyValueStore } from './types';

interface Entry {
	value: string;
	/** Epoch milliseconds; Infinity when the key never expires. */
	expiresAt: number;
}

/** How many keys one process keeps at most; the oldest written go first beyond it. */
const MAX_ENTRIES = 200_000;

/** Expired keys are swept every this many writes (reads also ignore expired keys). */
const SWEEP_EVERY_WRITES = 1_000;

/**
 * The store when no Redis is configured: one Map per process (kept on globalThis so that every
 * node file n8n loads, even from different module instances, sees the same state). Correct for a
 * single n8n process; in queue mode each webhook process would have its own, see the docs.
 */
export class MemoryStore implements KeyValueStore {
	readonly kind = 'memory' as const;

	private writes = 0;

	constructor(
		private readonly namespace: string,
		private readonly entries: Map<string, Entry>,
		private readonly now: () => number = Date.now,
	) {}

	async get(key: string): Promise<string | undefined> {
		return this.live(this.namespace + key)?.value;
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		this.write(this.namespace + key, value, ttlMs);
	}

	async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
		const full = this.namespace + key;
		if (this.live(full)) return false;
		this.write(full, value, ttlMs);
		return true;
	}

	async take(key: string): Promise<string | undefined> {
		const full = this.namespace + key;
		const entry = this.live(full);
		this.entries.delete(full);
		return entry?.value;
	}

	async delete(key: string): Promise<boolean> {
		const full = this.namespace + key;
		const existed = this.live(full) !== undefined;
		this.entries.delete(full);
		return existed;
	}

	async deleteIfEquals(key: string, expected: string): Promise<boolean> {
		const full = this.namespace + key;
		if (this.live(full)?.value !== expected) return false;
		this.entries.delete(full);
		return true;
	}

	async ping(): Promise<void> {}

	private live(full: string): Entry | undefined {
		const entry = this.entries.get(full);
		if (entry && entry.expiresAt <= this.now()) {
			this.entries.delete(full);
			return undefined;
		}
		return entry;
	}

	private write(full: string, value: string, ttlMs?: number): void {
		const expiresAt = ttlMs !== undefined && ttlMs > 0 ? this.now() + ttlMs : Infinity;
		// Re-inserting moves the key to the end, so Map order stays "oldest written first".
		this.entries.delete(full);
		this.entries.set(full, { value, expiresAt });
		if (++this.writes % SWEEP_EVERY_WRITES === 0) this.sweep();
		while (this.entries.size > MAX_ENTRIES) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
	}

	private sweep(): void {
		const now = this.now();
		for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
	}
}

const GLOBAL_KEY = Symbol.for('n8n-nodes-chatflow.memoryStore');

/** The one Map this process uses for in-memory state. */
export function processWideEntries(): Map<string, Entry> {
	const holder = globalThis as unknown as Record<symbol, Map<string, Entry> | undefined>;
	holder[GLOBAL_KEY] ??= new Map<string, Entry>();
	return holder[GLOBAL_KEY];
}
