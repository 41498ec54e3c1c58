import { createServer, type Server, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';

import { chatflowRedisConnectionTest, closeRedisConnections, openStore, RedisConnection, RedisStoreError } from '../../../nodes/shared/store';

/** Real Redis on 127.0.0.1:6379; every run writes under its own namespace and cleans up. */
const namespace = `chatflow-test:${randomUUID()}:`;
const credentials = { host: '127.0.0.1', port: 6379, namespace };

afterAll(async () => {
	const raw = new RedisConnection({ host: '127.0.0.1', port: 6379 });
	const keys = (await raw.command(['KEYS', `${namespace}*`])) as string[];
	if (keys.length) await raw.command(['DEL', ...keys]);
	raw.close();
	closeRedisConnections();
});

describe('RedisStore against a real Redis', () => {
	const store = openStore(credentials, 'kv:');

	it('sets, gets and deletes under the namespace', async () => {
		await store.set('a', 'välue ✓');
		expect(await store.get('a')).toBe('välue ✓');
		const raw = new RedisConnection({ host: '127.0.0.1', port: 6379 });
		expect(await raw.command(['GET', `${namespace}kv:a`])).toBe('välue ✓');
		raw.close();
		expect(await store.delete('a')).toBe(true);
		expect(await store.delete('a')).toBe(false);
		expect(await store.get('a')).toBeUndefined();
	});

	it('expires keys after their TTL', async () => {
		await store.set('ttl', 'x', 150);
		expect(await store.get('ttl')).toBe('x');
		await new Promise((resolve) => setTimeout(resolve, 250));
		expect(await store.get('ttl')).toBeUndefined();
	});

	it('lets exactly one of many concurrent claims win', async () => {
		const other = openStore(credentials, 'kv:');
		const claims = await Promise.all(
			Array.from({ length: 50 }, (_, i) => (i % 2 ? store : other).setIfAbsent('claim', String(i), 10_000)),
		);
		expect(claims.filter(Boolean)).toHaveLength(1);
		expect(await store.setIfAbsent('claim', 'late', 10_000)).toBe(false);
	});

	it('takes a value exactly once', async () => {
		await store.set('wait', 'execution-7', 10_000);
		const taken = await Promise.all([store.take('wait'), store.take('wait'), store.take('wait')]);
		expect(taken.filter((value) => value !== undefined)).toEqual(['execution-7']);
	});

	it('deletes only while the value is still ours', async () => {
		await store.set('lock', 'owner-1', 10_000);
		expect(await store.deleteIfEquals('lock', 'owner-2')).toBe(false);
		expect(await store.get('lock')).toBe('owner-1');
		expect(await store.deleteIfEquals('lock', 'owner-1')).toBe(true);
	});

	it('pipelines hundreds of commands on one shared connection and answers in order', async () => {
		const values = await Promise.all(Array.from({ length: 500 }, (_, i) => store.set(`p${i}`, String(i)).then(() => store.get(`p${i}`))));
		expect(values).toEqual(Array.from({ length: 500 }, (_, i) => String(i)));
	});

	it('uses the database number', async () => {
		const db3 = openStore({ ...credentials, database: 3 }, 'kv:');
		await db3.set('db', 'three', 10_000);
		expect(await store.get('db')).toBeUndefined();
		expect(await db3.get('db')).toBe('three');
		await db3.delete('db');
	});

	it('pings', async () => {
		await expect(store.ping()).resolves.toBeUndefined();
	});
});

describe('Redis failures are clear and keep secrets out', () => {
	it('names host and port when nothing listens, and never the password', async () => {
		const store = openStore({ host: '127.0.0.1', port: 1, password: 'sup3r-secret', namespace }, '');
		const error = await store.get('x').then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error).toBeInstanceOf(RedisStoreError);
		expect(error?.message).toMatch(/Redis at 127\.0\.0\.1:1: could not connect \(ECONNREFUSED/);
		expect(error?.message).not.toContain('sup3r-secret');
	});

	it('reports a refused AUTH without the password', async () => {
		const store = openStore({ ...credentials, username: 'nobody', password: 'wr0ng-pass' }, '');
		const error = await store.get('x').then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error?.message).toMatch(/Redis at 127\.0\.0\.1:6379 refused AUTH: WRONGPASS/);
		expect(error?.message).not.toContain('wr0ng-pass');
	});

	describe('against a fake server that drops and stalls', () => {
		let server: Server;
		let port: number;
		const sockets: Socket[] = [];
		let behaviour: 'answer' | 'drop' | 'silent' = 'answer';

		beforeAll(async () => {
			server = createServer((socket) => {
				sockets.push(socket);
				socket.on('data', () => {
					if (behaviour === 'drop') socket.destroy();
					else if (behaviour === 'answer') socket.write('+PONG\r\n');
				});
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			port = (server.address() as { port: number }).port;
		});
		afterAll(async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		});

		it('fails commands in flight when the connection drops, then reconnects', async () => {
			const connection = new RedisConnection({ host: '127.0.0.1', port });
			expect(await connection.command(['PING'])).toBe('PONG');
			behaviour = 'drop';
			await expect(connection.command(['PING'])).rejects.toThrow(/connection closed before PING was answered/);
			behaviour = 'answer';
			expect(await connection.command(['PING'])).toBe('PONG');
			expect(sockets.length).toBeGreaterThanOrEqual(2);
			connection.close();
		});

		it('times out a silent server instead of hanging', async () => {
			behaviour = 'silent';
			const connection = new RedisConnection({ host: '127.0.0.1', port, commandTimeoutMs: 200 });
			await expect(connection.command(['PING'])).rejects.toThrow(/no answer within 200 ms/);
			connection.close();
			behaviour = 'answer';
		});
	});
});

describe('chatflowRedisConnectionTest (the credential test)', () => {
	const run = (data: Record<string, unknown>) =>
		chatflowRedisConnectionTest.call({} as never, { id: 'c', name: 'redis', type: 'chatflowRedisApi', data } as never);

	it('reports OK against the real Redis', async () => {
		expect(await run({ host: '127.0.0.1', port: 6379, namespace })).toEqual({ status: 'OK', message: 'Connected: PING, SET and GET work' });
	});

	it('reports a refused password without repeating it', async () => {
		const result = await run({ host: '127.0.0.1', port: 6379, username: 'nobody', password: 'hunter2-secret' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/refused AUTH/);
		expect(result.message).not.toContain('hunter2-secret');
	});
});
