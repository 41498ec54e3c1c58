import { lastConnectionError, RedisStoreError, type RedisClient } from './redisClient';
import type { KeyValueStore } from './types';

// Both scripts run atomically inside Redis, so no other client sees a half-done step. Each names
// one key, so they run unchanged on Redis Cluster.
const TAKE = "local v = redis.call('GET', KEYS[1]); if v then redis.call('DEL', KEYS[1]) end; return v";
const DELETE_IF_EQUALS =
	"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** The store when a chatflowRedisApi credential is set: shared by every n8n process. */
export class RedisStore implements KeyValueStore {
	readonly kind = 'redis' as const;

	constructor(
		private readonly client: RedisClient,
		private readonly namespace: string,
		/** Where Redis is, for error messages ("Redis at 10.0.0.5:6379"). */
		private readonly where: string,
	) {}

	async get(key: string): Promise<string | undefined> {
		return (await this.run('GET', async () => await this.client.get(this.namespace + key))) ?? undefined;
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		const name = this.namespace + key;
		await this.run('SET', async () => (ttlMs !== undefined && ttlMs > 0 ? await this.client.set(name, value, 'PX', Math.ceil(ttlMs)) : await this.client.set(name, value)));
	}

	async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
		const name = this.namespace + key;
		const reply = await this.run('SET', async () =>
			ttlMs !== undefined && ttlMs > 0 ? await this.client.set(name, value, 'PX', Math.ceil(ttlMs), 'NX') : await this.client.set(name, value, 'NX'),
		);
		return reply === 'OK';
	}

	async take(key: string): Promise<string | undefined> {
		const reply = await this.run('EVAL', async () => await this.client.eval(TAKE, 1, this.namespace + key));
		return typeof reply === 'string' ? reply : undefined;
	}

	async delete(key: string): Promise<boolean> {
		return (await this.run('DEL', async () => await this.client.del(this.namespace + key))) === 1;
	}

	async deleteIfEquals(key: string, expected: string): Promise<boolean> {
		return (await this.run('EVAL', async () => await this.client.eval(DELETE_IF_EQUALS, 1, this.namespace + key, expected))) === 1;
	}

	/** Runs a Lua script on one key of this store (compare-and-set and the like). */
	async evalOnKey(script: string, key: string, args: readonly string[]): Promise<unknown> {
		return await this.run('EVAL', async () => await this.client.eval(script, 1, this.namespace + key, ...args));
	}

	async ping(): Promise<void> {
		const reply = await this.run('PING', async () => await this.client.ping());
		if (reply !== 'PONG') throw new RedisStoreError(`${this.where} answered PING with ${JSON.stringify(reply)}`);
	}

	private async run<T>(command: string, call: () => Promise<T>): Promise<T> {
		try {
			return await call();
		} catch (error) {
			// "Max retries per request" says only that ioredis gave up: name why it could not connect.
			const cause = lastConnectionError(this.client);
			const why = cause && /max retries/i.test((error as Error).message) ? `could not connect: ${cause.message}` : (error as Error).message;
			// A store error is no node's error: the trigger logs it, a node adds its own context.
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			throw new RedisStoreError(`${this.where}: ${command} failed (${why})`);
		}
	}
}
