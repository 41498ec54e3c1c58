import { deduplicate, dedupeKey, runPipeline, type ChatEvent, type EventFilter } from '../../../nodes/shared/ingestion';
import { MemoryStore } from '../../../nodes/shared/store';
import { fixtureBytes, secretsFor, signedRequest } from '../../support/webhookFixtures';

function batch(filter?: EventFilter): ChatEvent[] {
	return runPipeline(signedRequest('whatsapp', fixtureBytes('whatsapp', 'batch_multi_entry')), {
		channel: 'whatsapp',
		secrets: secretsFor('whatsapp'),
		filter,
	}).events;
}

describe('filter', () => {
	it('keeps everything without a filter or with empty lists', () => {
		expect(batch()).toHaveLength(7);
		expect(batch({ events: [], statuses: [], messageTypes: [], accountIds: [' '] })).toHaveLength(7);
	});

	it('filters by event kind, status and message type group', () => {
		expect(batch({ events: ['message'] }).map((e) => e.messageId)).toEqual(['wamid.B1', 'wamid.B2', 'wamid.B3', 'wamid.B4']);
		expect(batch({ statuses: ['read'] }).map((e) => e.status ?? e.type)).toEqual(['text', 'text', 'reply', 'read', 'text']);
		expect(batch({ events: ['message'], messageTypes: ['reply'] }).map((e) => e.messageId)).toEqual(['wamid.B3']);
	});

	it('routes by phone number id or business account id', () => {
		expect(batch({ accountIds: ['106540352242999'] }).map((e) => e.messageId)).toEqual(['wamid.B4', 'wamid.S2']);
		expect(batch({ accountIds: ['102290129340398'] })).toHaveLength(5);
		const result = runPipeline(signedRequest('whatsapp', fixtureBytes('whatsapp', 'text')), {
			channel: 'whatsapp',
			secrets: secretsFor('whatsapp'),
			filter: { accountIds: ['nobody'] },
		});
		expect(result).toMatchObject({ status: 200, events: [], received: 1, reason: 'filtered out all 1 event(s)' });
	});
});

describe('de-duplication', () => {
	const store = () => new MemoryStore(`test-${Math.random()}:`, new Map());

	it('passes a batch once, then drops its redelivery entirely', async () => {
		const kv = store();
		const first = await deduplicate(batch(), kv, 60_000, 'wf1:');
		expect(first).toMatchObject({ duplicates: 0, inFlight: 0 });
		expect(first.fresh).toHaveLength(7);
		await first.claims.confirm();
		const again = await deduplicate(batch(), kv, 60_000, 'wf1:');
		expect(again).toMatchObject({ fresh: [], duplicates: 7, inFlight: 0 });
		// Another workflow (scope) receiving the same delivery processes it.
		expect((await deduplicate(batch(), kv, 60_000, 'wf2:')).fresh).toHaveLength(7);
	});

	it('keeps the new events of a partly redelivered batch, in order', async () => {
		const kv = store();
		const events = batch();
		await (await deduplicate([events[1], events[4]], kv, 60_000, 's:')).claims.confirm();
		const result = await deduplicate(events, kv, 60_000, 's:');
		expect(result.fresh.map((e) => `${e.messageId}/${e.status ?? ''}`)).toEqual([
			'wamid.B1/',
			'wamid.B3/',
			'wamid.S1/delivered',
			'wamid.B4/',
			'wamid.S2/sent',
		]);
	});

	it('forgets after the window', async () => {
		let now = 1_000_000;
		const kv = new MemoryStore('w:', new Map(), () => now);
		const events = batch().slice(0, 1);
		const first = await deduplicate(events, kv, 1_000, '');
		expect(first.fresh).toHaveLength(1);
		await first.claims.confirm();
		now += 999;
		expect((await deduplicate(events, kv, 1_000, '')).fresh).toHaveLength(0);
		now += 2;
		expect((await deduplicate(events, kv, 1_000, '')).fresh).toHaveLength(1);
	});

	it('tells statuses of one message apart, and id-less events by content', () => {
		const events = batch();
		expect(dedupeKey(events[3])).not.toBe(dedupeKey(events[4]));
		const read1 = runPipeline(signedRequest('messenger', fixtureBytes('messenger', 'read')), { channel: 'messenger', secrets: secretsFor('messenger') }).events[0];
		const read2 = { ...read1, raw: { ...read1.raw, read: { watermark: 1 } } };
		expect(dedupeKey(read1)).toBe(dedupeKey({ ...read1 }));
		expect(dedupeKey(read1)).not.toBe(dedupeKey(read2));
	});

	it('counts every event fresh when the store fails, and says why', async () => {
		const failing = { ...store(), setIfAbsent: async () => Promise.reject(new Error('store down')) } as unknown as MemoryStore;
		const result = await deduplicate(batch(), failing, 60_000, '');
		expect(result.fresh).toHaveLength(7);
		expect(result.storeError?.message).toBe('store down');
	});
});
