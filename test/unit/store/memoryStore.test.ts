import { MemoryStore, openStore } from '../../../nodes/shared/store';
import { encodeCommand, RespError, RespParser } from '../../../nodes/shared/store/resp';

describe('MemoryStore', () => {
	it('implements set-if-absent, take and TTL on an injected clock', async () => {
		let now = 0;
		const store = new MemoryStore('ns:', new Map(), () => now);
		expect(await store.setIfAbsent('k', 'a', 100)).toBe(true);
		expect(await store.setIfAbsent('k', 'b', 100)).toBe(false);
		now = 100;
		expect(await store.get('k')).toBeUndefined();
		expect(await store.setIfAbsent('k', 'c')).toBe(true);
		expect(await store.take('k')).toBe('c');
		expect(await store.take('k')).toBeUndefined();
		await store.set('l', 'v');
		expect(await store.deleteIfEquals('l', 'x')).toBe(false);
		expect(await store.deleteIfEquals('l', 'v')).toBe(true);
	});

	it('is one map per process, separated by scope', async () => {
		const a = openStore(undefined, 'scope-a:');
		const b = openStore(undefined, 'scope-a:');
		const c = openStore(undefined, 'scope-c:');
		await a.set('shared', '1');
		expect(await b.get('shared')).toBe('1');
		expect(await c.get('shared')).toBeUndefined();
		expect(a.kind).toBe('memory');
	});
});

describe('RESP2', () => {
	it('encodes commands as arrays of bulk strings with byte lengths', () => {
		expect(encodeCommand(['SET', 'k', 'ü']).toString()).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\nü\r\n');
	});

	it('parses every reply type across arbitrary chunk boundaries', () => {
		const wire = Buffer.from('+OK\r\n-ERR nope\r\n:42\r\n$-1\r\n$4\r\nhél\r\n*2\r\n$1\r\na\r\n*1\r\n:1\r\n*-1\r\n');
		for (let split = 1; split < wire.length; split++) {
			const parser = new RespParser();
			const replies = [...parser.push(wire.subarray(0, split)), ...parser.push(wire.subarray(split))];
			expect(replies).toEqual(['OK', new RespError('ERR nope'), 42, null, 'hél', ['a', [1]], null]);
		}
	});
});
