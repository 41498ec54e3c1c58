import { MemoryStore, openStore } from '../../../nodes/shared/store';

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
