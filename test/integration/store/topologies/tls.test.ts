/**
 * The state store on a TLS-only Redis (Debian's redis-server, started here): server certificate
 * from a CA made in this test, client certificates required, the default user off and an ACL
 * user limited to the store's keys and channels.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Redis } from 'ioredis';

import { closeRedisConnections, openStore } from '../../../../nodes/shared/store';
import { startTlsRedis, type TlsRedis } from '../../../../scripts/redis/topologies';
import { describeStateStoreContract } from './stateStoreContract';

jest.setTimeout(60_000);

let redis: TlsRedis;
const dir = mkdtempSync(join(tmpdir(), 'chatflow-redis-tls-'));

beforeAll(async () => (redis = await startTlsRedis(dir)));
afterAll(async () => {
	await closeRedisConnections();
	await redis?.stop();
	rmSync(dir, { recursive: true, force: true });
});

describeStateStoreContract('TLS Redis', () => redis.credentials);

describe('TLS Redis refuses what it must', () => {
	it('a plain (non-TLS) connection gets no answer', async () => {
		const plain = new Redis({ host: '127.0.0.1', port: redis.servers[0].port, lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
		await expect(plain.ping()).rejects.toThrow();
		plain.disconnect();
	});

	it('a server certificate from another CA is rejected, naming where Redis is and no secret', async () => {
		const other = await import('../../../../scripts/redis/certificates').then(({ makeTestCertificates }) => makeTestCertificates(mkdtempSync(join(dir, 'other-'))));
		const store = openStore({ ...redis.credentials, tlsCa: other.ca, namespace: 'chatflow-x:' });
		const error = (await store.get('k').catch((caught: Error) => caught)) as Error;
		expect(error.message).toMatch(new RegExp(`Redis at 127\\.0\\.0\\.1:${redis.servers[0].port}: GET failed .*certificate`, 'i'));
		expect(error.message).not.toContain(redis.credentials.password);
	});

	it('the ACL user cannot touch keys outside its namespace', async () => {
		const store = openStore({ ...redis.credentials, namespace: 'elsewhere:' });
		await expect(store.set('k', 'v')).rejects.toThrow(/NOPERM/);
	});
});
