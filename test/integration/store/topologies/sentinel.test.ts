/**
 * The state store through Redis Sentinel (Debian's redis-server: a master, a replica, three
 * sentinels), and a failover (SENTINEL FAILOVER) while conversations wait: a saved wait written
 * before the failover is resumed after it from the new master, and an execution that keeps
 * running through the failover is woken by the reply (its signal subscription moved with it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { openConversationSignals, openConversationStore, registerWait, routeToConversation } from '../../../../nodes/shared/conversation';
import { closeRedisConnections } from '../../../../nodes/shared/store';
import { startSentinelSet, type SentinelSet } from '../../../../scripts/redis/topologies';
import { describeStateStoreContract, freshContact, keepWaiting, message, ResumeEndpoint, runningWaitOf } from './stateStoreContract';

jest.setTimeout(60_000);

let ha: SentinelSet;
const dir = mkdtempSync(join(tmpdir(), 'chatflow-redis-sentinel-'));
const endpoint = new ResumeEndpoint();

beforeAll(async () => {
	ha = await startSentinelSet(dir);
	await endpoint.start();
});
afterAll(async () => {
	await closeRedisConnections();
	await endpoint.close();
	await ha?.stop();
	rmSync(dir, { recursive: true, force: true });
});

describeStateStoreContract('Redis Sentinel', () => ha.credentials);

describe('a Sentinel failover while conversations wait', () => {
	it('resumes the saved wait and wakes the running one from the promoted replica', async () => {
		const credentials = { ...ha.credentials, namespace: 'chatflow-failover:' };
		const store = openConversationStore(credentials);
		const signals = openConversationSignals(credentials);
		const saved = freshContact();
		const running = freshContact();
		await registerWait(store, endpoint.record(saved, 'e-saved'));
		const waiting = keepWaiting(store, signals, endpoint.record(running, 'e-running'), 45_000);
		await runningWaitOf(store, running);
		// Replication is asynchronous: a write the replica has not received yet is lost in a
		// failover. These writes are acknowledged by the replica first (WAIT), as they would be a
		// moment after they were made.
		await ha.replicated();

		const { from, to } = await ha.failover();
		expect(to).not.toBe(from);

		const trigger = { store: openConversationStore(credentials), signals: openConversationSignals(credentials), post: endpoint.post };
		expect(await routeToConversation(message(saved, 'Book', 'book'), trigger)).toMatchObject({ route: 'resumed', executionId: 'e-saved' });
		expect(endpoint.received).toEqual([expect.objectContaining({ executionId: 'e-saved', body: expect.objectContaining({ event: expect.objectContaining({ text: 'Book' }) }) })]);
		expect(await routeToConversation(message(running, 'Book', 'book'), trigger)).toMatchObject({ route: 'resumed', executionId: 'e-running' });
		expect(((await waiting) as INodeExecutionData[][])[0].map((item) => item.json.text)).toEqual(['Book']);
		// The store writes to the new master now.
		expect((await ha.currentMaster()).port).toBe(to);
		await store.set('after-failover', 'ok', 60_000);
		expect(await store.get('after-failover')).toBe('ok');
	});
});
