/**
 * The state store on a Redis Cluster of 3 masters (Debian's redis-server, slots assigned by
 * `redis-cli --cluster create`): every operation runs on one key, so the store works whichever
 * node owns the slot; the contract's keys land on more than one node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { closeRedisConnections, openStore } from '../../../../nodes/shared/store';
import { startRedisCluster, type RedisClusterSet } from '../../../../scripts/redis/topologies';
import { describeStateStoreContract } from './stateStoreContract';

jest.setTimeout(60_000);

let cluster: RedisClusterSet;
const dir = mkdtempSync(join(tmpdir(), 'chatflow-redis-cluster-'));

beforeAll(async () => (cluster = await startRedisCluster(dir)));
afterAll(async () => {
	await closeRedisConnections();
	await cluster?.stop();
	rmSync(dir, { recursive: true, force: true });
});

describeStateStoreContract('Redis Cluster', () => cluster.credentials);

describe('Redis Cluster spreads the store', () => {
	it('keys of one namespace live on different masters, and each is read back through any seed', async () => {
		const namespace = 'chatflow-spread:';
		const store = openStore({ ...cluster.credentials, namespace });
		const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
		await Promise.all(keys.map(async (key) => await store.set(key, key, 60_000)));
		const owners = new Set(await Promise.all(keys.map(async (key) => await cluster.portOfKey(namespace + key))));
		expect(owners.size).toBeGreaterThan(1);
		const reversed = openStore({ ...cluster.credentials, clusterNodes: [...cluster.servers].reverse().map((s) => `127.0.0.1:${s.port}`).join(','), namespace });
		expect(await Promise.all(keys.map(async (key) => await reversed.get(key)))).toEqual(keys);
	});
});
