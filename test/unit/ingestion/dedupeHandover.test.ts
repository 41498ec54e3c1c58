/**
 * A delivery's claims are pending until its events are in n8n's hands. A redelivery that meets a
 * pending claim is "in flight" (refuse it, the platform delivers again), never a duplicate (drop
 * it): the process holding the claim may have died before n8n queued anything.
 */
import { dedupeKey, deduplicate, runPipeline, type ChatEvent } from '../../../nodes/shared/ingestion';
import { MemoryStore } from '../../../nodes/shared/store';
import { fixtureBytes, secretsFor, signedRequest } from '../../support/webhookFixtures';

const WINDOW_MS = 60_000;
const HANDOVER_MS = 5_000;

function batch(): ChatEvent[] {
	return runPipeline(signedRequest('whatsapp', fixtureBytes('whatsapp', 'batch_multi_entry')), { channel: 'whatsapp', secrets: secretsFor('whatsapp') }).events;
}

describe('de-duplication: handing a delivery over to n8n', () => {
	let now: number;
	let kv: MemoryStore;
	beforeEach(() => {
		now = 1_000_000;
		kv = new MemoryStore('h:', new Map(), () => now);
	});
	const deliver = async (events = batch()) => await deduplicate(events, kv, WINDOW_MS, 'wf:', HANDOVER_MS);

	it('reports a redelivery of events still being handed over as in flight, not as duplicates', async () => {
		const first = await deliver();
		expect(first.claims.size).toBe(7);
		expect(await deliver()).toMatchObject({ fresh: [], duplicates: 0, inFlight: 7 });
	});

	it('drops redeliveries once the first delivery was confirmed, for the whole window', async () => {
		await (await deliver()).claims.confirm();
		now += WINDOW_MS - 1;
		expect(await deliver()).toMatchObject({ fresh: [], duplicates: 7, inFlight: 0 });
	});

	it('processes a redelivery after the first delivery released its claims (n8n could not take it)', async () => {
		await (await deliver()).claims.release();
		const again = await deliver();
		expect(again.fresh).toHaveLength(7);
		expect(again.inFlight).toBe(0);
	});

	it('lets a redelivery take over the claims of a process that died holding them, after the handover time', async () => {
		await deliver(); // never confirmed nor released: its process died
		now += HANDOVER_MS - 1;
		expect((await deliver()).inFlight).toBe(7);
		now += 2;
		const taken = await deliver();
		expect(taken.fresh).toHaveLength(7);
		await taken.claims.confirm();
		now += HANDOVER_MS * 2;
		expect((await deliver()).duplicates).toBe(7);
	});

	it('releases only its own claims: a later delivery\'s claim on the same event stays', async () => {
		const first = await deliver();
		now += HANDOVER_MS + 1;
		const second = await deliver();
		expect(second.fresh).toHaveLength(7);
		await first.claims.release();
		expect((await deliver()).inFlight).toBe(7);
	});

	it('counts events claimed by versions without a handover ("1") as duplicates', async () => {
		const [event] = batch();
		await kv.set(`wf:${dedupeKey(event)}`, '1', WINDOW_MS);
		expect(await deliver([event])).toMatchObject({ fresh: [], duplicates: 1, inFlight: 0 });
	});
});
