/**
 * The Redis set-ups the State Store credential supports, each started from Debian's packages on
 * 127.0.0.1 in a folder of its own, for tests and benchmarks:
 *
 *   const tls = await startTlsRedis(dir);        // TLS only, a test CA, client certificates required, an ACL user
 *   const ha = await startSentinelSet(dir);      // a master, a replica, 3 sentinels ("chatflow")
 *   const cluster = await startRedisCluster(dir); // 3 masters, slots split by redis-cli --cluster create
 *   openStore({ ...tls.credentials, namespace }) // what a chatflowRedisApi credential would hold
 *   await tls.stop();                             // every process, by PID
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Redis } from 'ioredis';

import type { RedisCredentials } from '../../nodes/shared/store';
import { makeTestCertificates, type TestCertificates } from './certificates';
import { RedisServer, startRedisServer } from './server';

const run = promisify(execFile);

export interface RedisTopology {
	credentials: RedisCredentials;
	servers: RedisServer[];
	stop(): Promise<void>;
}

async function stopAll(servers: RedisServer[]): Promise<void> {
	await Promise.all(servers.map(async (server) => await server.stop()));
}

/** ACL user of the TLS Redis: may only touch keys and channels below `keyPrefix`. */
export const TLS_USER = { username: 'chatflow', password: 'tls-user-secret' };

export interface TlsRedis extends RedisTopology {
	certificates: TestCertificates;
}

export async function startTlsRedis(dir: string, keyPrefix = 'chatflow'): Promise<TlsRedis> {
	const certificates = makeTestCertificates(dir);
	const server = await startRedisServer({
		dir: join(dir, 'redis'),
		tls: { cert: certificates.serverCertFile, key: certificates.serverKeyFile, ca: certificates.caFile, authClients: 'yes' },
		args: ['--user', 'default', 'off', '--user', `${TLS_USER.username}`, 'on', `>${TLS_USER.password}`, `~${keyPrefix}*`, `&${keyPrefix}*`, '+@all'],
	});
	return {
		certificates,
		servers: [server],
		credentials: {
			connectionType: 'standalone',
			host: '127.0.0.1',
			port: server.port,
			...TLS_USER,
			tls: true,
			tlsCa: certificates.ca,
			tlsCert: certificates.clientCert,
			tlsKey: certificates.clientKey,
			tlsServerName: 'redis.chatflow.test',
		},
		stop: async () => await stopAll([server]),
	};
}

export const MASTER_NAME = 'chatflow';

export interface SentinelSet extends RedisTopology {
	sentinels: RedisServer[];
	/** The data node that is master now, as the sentinels say. */
	currentMaster(): Promise<{ host: string; port: number }>;
	/** SENTINEL FAILOVER, resolved once the sentinels name the other node as master. */
	failover(): Promise<{ from: number; to: number }>;
	/** Resolves once the replica has every write the master has acknowledged so far. */
	replicated(): Promise<void>;
}

export async function startSentinelSet(dir: string): Promise<SentinelSet> {
	const started: RedisServer[] = [];
	try {
		const master = await startRedisServer({ dir: join(dir, 'master') });
		started.push(master);
		const replica = await startRedisServer({
			dir: join(dir, 'replica'),
			args: ['--replicaof', '127.0.0.1', String(master.port)],
			ready: /MASTER <-> REPLICA sync: Finished with success/,
		});
		started.push(replica);
		const sentinels: RedisServer[] = [];
		for (const name of ['sentinel-1', 'sentinel-2', 'sentinel-3']) {
			const sentinel = await startRedisServer({
				dir: join(dir, name),
				sentinelConfig: [
					`sentinel monitor ${MASTER_NAME} 127.0.0.1 ${master.port} 2`,
					`sentinel down-after-milliseconds ${MASTER_NAME} 1000`,
					`sentinel failover-timeout ${MASTER_NAME} 10000`,
					`sentinel parallel-syncs ${MASTER_NAME} 1`,
				],
				ready: /\+monitor master/,
			});
			started.push(sentinel);
			sentinels.push(sentinel);
		}
		const ask = async <T>(command: (client: Redis) => Promise<T>): Promise<T> => {
			const client = new Redis({ host: '127.0.0.1', port: sentinels[0].port, lazyConnect: true, maxRetriesPerRequest: 1 });
			try {
				return await command(client);
			} finally {
				client.disconnect();
			}
		};
		const currentMaster = async () => {
			const [host, port] = (await ask(async (client) => await client.call('SENTINEL', 'get-master-addr-by-name', MASTER_NAME))) as [string, string];
			return { host, port: Number(port) };
		};
		const dataNodes = [master, replica];
		return {
			servers: started,
			sentinels,
			credentials: { connectionType: 'sentinel', sentinels: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','), masterName: MASTER_NAME },
			currentMaster,
			async replicated() {
				const { port } = await currentMaster();
				const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1 });
				try {
					// WAIT counts replicas that acknowledged this connection's writes; a write of ours
					// after everything else makes it cover what other clients wrote before.
					await client.set('chatflow-test:replication-mark', String(Date.now()));
					const acknowledged = Number(await client.call('WAIT', '1', '10000'));
					if (acknowledged < 1) throw new Error('the replica did not acknowledge the writes in 10 s');
				} finally {
					client.disconnect();
				}
			},
			async failover() {
				const from = (await currentMaster()).port;
				// The replica must know it is a replica the sentinels can promote (they learn it via INFO).
				for (let attempt = 0; ; attempt++) {
					try {
						await ask(async (client) => await client.call('SENTINEL', 'FAILOVER', MASTER_NAME));
						break;
					} catch (error) {
						if (attempt >= 50) throw error;
						await new Promise((resolve) => setTimeout(resolve, 200));
					}
				}
				const deadline = Date.now() + 30_000;
				while (Date.now() < deadline) {
					const now = (await currentMaster()).port;
					if (now !== from && dataNodes.some((node) => node.port === now)) return { from, to: now };
					await new Promise((resolve) => setTimeout(resolve, 100));
				}
				throw new Error('the sentinels did not promote the replica in 30 s');
			},
			stop: async () => await stopAll(started),
		};
	} catch (error) {
		await stopAll(started);
		throw error;
	}
}

export interface RedisClusterSet extends RedisTopology {
	/** Which master serves `key` (CLUSTER KEYSLOT and CLUSTER SLOTS), by port. */
	portOfKey(key: string): Promise<number>;
}

export async function startRedisCluster(dir: string, masters = 3): Promise<RedisClusterSet> {
	const started: RedisServer[] = [];
	try {
		for (let i = 0; i < masters; i++) {
			started.push(
				await startRedisServer({
					dir: join(dir, `node-${i}`),
					args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'],
				}),
			);
		}
		const addresses = started.map((server) => `127.0.0.1:${server.port}`);
		await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
		// Every node must know every slot's owner before clients are pointed at it.
		for (const server of started) {
			const deadline = Date.now() + 20_000;
			while (!/cluster_state:ok/.test((await run('redis-cli', ['-p', String(server.port), 'CLUSTER', 'INFO'])).stdout)) {
				if (Date.now() > deadline) throw new Error(`cluster node ${server.port} not ok in 20 s`);
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
		return {
			servers: started,
			credentials: { connectionType: 'cluster', clusterNodes: addresses.join(',') },
			async portOfKey(key) {
				const client = new Redis({ host: '127.0.0.1', port: started[0].port, lazyConnect: true, maxRetriesPerRequest: 1 });
				try {
					const slot = Number(await client.call('CLUSTER', 'KEYSLOT', key));
					const ranges = (await client.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number]]>;
					const range = ranges.find(([first, last]) => slot >= first && slot <= last);
					if (!range) throw new Error(`no node serves slot ${slot}`);
					return Number(range[2][1]);
				} finally {
					client.disconnect();
				}
			},
			stop: async () => await stopAll(started),
		};
	} catch (error) {
		await stopAll(started);
		throw error;
	}
}
