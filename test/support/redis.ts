import { Redis } from 'ioredis';

/** The machine's Redis, which tests and benchmarks use on 127.0.0.1:6379. */
export const LOCAL_REDIS = { host: '127.0.0.1', port: 6379 } as const;

/** A client of the test's own, to look at and clean up what the package wrote. */
export function rawRedis(): Redis {
	return new Redis({ ...LOCAL_REDIS, lazyConnect: true, maxRetriesPerRequest: 1 });
}

/** Deletes every key that starts with `prefix` (a test's or benchmark's own namespace). */
export async function dropKeys(prefix: string): Promise<void> {
	const raw = rawRedis();
	try {
		const keys = await raw.keys(`${prefix}*`);
		if (keys.length) await raw.del(...keys);
	} finally {
		raw.disconnect();
	}
}
