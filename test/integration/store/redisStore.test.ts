import { createServer, type Server, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';

import { chatflowRedisConnectionTest, closeRedisConnections, openStore, RedisStoreError } from '../../../nodes/shared/store';
import { dropKeys, rawRedis } from '../../support/redis';

/** Real Redis on 127.0.0.1:6379; every run writes under its own namespace and cleans up. */
const namespace = `chatflow-test:${randomUUID()}:`;
const credentials = { host: '127.0.0.1', port: 6379, namespace };

afterAll(async () => {
	await dropKeys(namespace);
	await closeRedisConnections();
});

describe('RedisStore against a real Redis', () => {
	const store = openStore(credentials, 'kv:');

	it('sets, gets and deletes under the namespace', async () => {
		await store.set('a', 'välue ✓');
		expect(await store.get('a')).toBe('välue ✓');
		const raw = rawRedis();
		expect(await raw.get(`${namespace}kv:a`)).toBe('välue ✓');
		raw.disconnect();
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

	it('runs hundreds of concurrent commands on one shared client and answers each its own', async () => {
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
		expect(error?.message).toMatch(/^Redis at 127\.0\.0\.1:1: GET failed \(.*(ECONNREFUSED|max retries)/);
		expect(error?.message).not.toContain('sup3r-secret');
	});

	it('reports a refused AUTH without the password', async () => {
		const store = openStore({ ...credentials, username: 'nobody', password: 'wr0ng-pass' }, '');
		const error = await store.get('x').then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error?.message).toMatch(/^Redis at 127\.0\.0\.1:6379: GET failed \(.*WRONGPASS/);
		expect(error?.message).not.toContain('wr0ng-pass');
	});

	describe('against a fake server that drops and stalls', () => {
		let server: Server;
		let port: number;
		const sockets: Socket[] = [];
		let behaviour: 'answer' | 'drop' | 'silent' = 'answer';

		// Speaks just enough RESP: PONG to PING, OK to any other command, one answer per command
		// (ioredis pipelines, so one read may hold several).
		beforeAll(async () => {
			server = createServer((socket) => {
				sockets.push(socket);
				let pending = '';
				socket.on('data', (data) => {
					if (behaviour === 'drop') return void socket.destroy();
					if (behaviour === 'silent') return;
					pending += data.toString('latin1');
					for (let command = nextCommand(pending); command; command = nextCommand(pending)) {
						pending = pending.slice(command.length);
						socket.write(command.name === 'PING' ? '+PONG\r\n' : '+OK\r\n');
					}
				});
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			port = (server.address() as { port: number }).port;
		});
		afterAll(async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		});

		it('fails a command when the connection drops, then reconnects and answers again', async () => {
			const store = openStore({ host: '127.0.0.1', port, namespace: 'drop:' }, '');
			await expect(store.ping()).resolves.toBeUndefined();
			behaviour = 'drop';
			await expect(store.ping()).rejects.toThrow(/^Redis at 127\.0\.0\.1:\d+: PING failed/);
			behaviour = 'answer';
			await expect(store.ping()).resolves.toBeUndefined();
			expect(sockets.length).toBeGreaterThanOrEqual(2);
		});

		it('times out a silent server instead of hanging', async () => {
			behaviour = 'silent';
			const store = openStore({ host: '127.0.0.1', port, namespace: 'silent:' }, '');
			const started = Date.now();
			await expect(store.ping()).rejects.toThrow(/^Redis at 127\.0\.0\.1:\d+: PING failed/);
			// Bounded by the client's timeouts (seconds), not by the test's own 5 s limit.
			expect(Date.now() - started).toBeLessThan(30_000);
			behaviour = 'answer';
		}, 40_000);
	});
});

/** The first complete RESP command array in `buffer`: its name and how many bytes it took. */
function nextCommand(buffer: string): { name: string; length: number } | undefined {
	const header = /^\*(\d+)\r\n/.exec(buffer);
	if (!header) return undefined;
	let offset = header[0].length;
	let name = '';
	for (let part = 0; part < Number(header[1]); part++) {
		const bulk = /^\$(\d+)\r\n/.exec(buffer.slice(offset));
		if (!bulk) return undefined;
		const start = offset + bulk[0].length;
		const end = start + Number(bulk[1]);
		if (buffer.length < end + 2) return undefined;
		if (part === 0) name = buffer.slice(start, end).toUpperCase();
		offset = end + 2;
	}
	return { name, length: offset };
}

describe('chatflowRedisConnectionTest (the credential test)', () => {
	const run = (data: Record<string, unknown>) =>
		chatflowRedisConnectionTest.call({} as never, { id: 'c', name: 'redis', type: 'chatflowRedisApi', data } as never);

	it('reports OK against the real Redis', async () => {
		expect(await run({ host: '127.0.0.1', port: 6379, namespace })).toEqual({ status: 'OK', message: 'Connected to Redis at 127.0.0.1:6379: PING, SET and GET work' });
	});

	it('reports a refused password without repeating it', async () => {
		const result = await run({ host: '127.0.0.1', port: 6379, username: 'nobody', password: 'hunter2-secret' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Redis at 127\.0\.0\.1:6379: .*WRONGPASS/);
		expect(result.message).not.toContain('hunter2-secret');
	});
});
