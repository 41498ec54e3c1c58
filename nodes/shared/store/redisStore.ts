import { RedisConnection, RedisStoreError } from './redisConnection';
import type { RespValue } from './resp';
import type { KeyValueStore } from './types';

// Both scripts run atomically inside Redis, so no other client sees a half-done step.
const TAKE = "local v = redis.call('GET', KEYS[1]); if v then redis.call('DEL', KEYS[1]) end; return v";
const DELETE_IF_EQUALS =
	"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** The store when a chatflowRedisApi credential is set: shared by every n8n process. */
export class RedisStore implements KeyValueStore {
	readonly kind = 'redis' as const;

	constructor(
		private readonly connection: RedisConnection,
		private readonly namespace: string,
	) {}

	async get(key: string): Promise<string | undefined> {
		return asString(await this.connection.command(['GET', this.namespace + key]));
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		await this.connection.command(['SET', this.namespace + key, value, ...expiry(ttlMs)]);
	}

	async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
		const reply = await this.connection.command(['SET', this.namespace + key, value, 'NX', ...expiry(ttlMs)]);
		return reply === 'OK';
	}

	async take(key: string): Promise<string | undefined> {
		return asString(await this.connection.command(['EVAL', TAKE, '1', this.namespace + key]));
	}

	async delete(key: string): Promise<boolean> {
		return (await this.connection.command(['DEL', this.namespace + key])) === 1;
	}

	async deleteIfEquals(key: string, expected: string): Promise<boolean> {
		return (await this.connection.command(['EVAL', DELETE_IF_EQUALS, '1', this.namespace + key, expected])) === 1;
	}

	async ping(): Promise<void> {
		const reply = await this.connection.command(['PING']);
		if (reply !== 'PONG') throw new RedisStoreError(`Redis answered PING with ${JSON.stringify(reply)}`);
	}
}

function expiry(ttlMs: number | undefined): string[] {
	return ttlMs !== undefined && ttlMs > 0 ? ['PX', String(Math.ceil(ttlMs))] : [];
}

function asString(reply: RespValue): string | undefined {
	return typeof reply === 'string' ? reply : undefined;
}
