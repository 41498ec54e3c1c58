/**
 * With a State Store credential, running the same execution again (what n8n does with a queue-mode
 * job whose worker died) does not send an item twice: through n8n-core's engine, against the fake
 * Graph API and a redis-server started here. Items answered before are returned again with
 * `alreadySent`; an item that was in flight is sent again (logged); items never reached, and an
 * item whose send failed, are sent; another execution sends everything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Redis } from 'ioredis';

import { closeRedisConnections } from '../../../nodes/shared/store';
import { startRedisServer, type RedisServer } from '../../../scripts/redis/server';
import { FakePlatform, graphError, type RecordedRequest } from '../../../simulator/platform';
import { loadWorkflowFixture, runWorkflow, type WorkflowJson } from '../../support/harness';
import { PHONE_ID, TOKEN, WABA_ID } from './runNode';
import { serveTemplates } from './templateFixtures';

const NODE = 'Send order update';
const NODE_ID = '2f6e7a10-57c1-4c55-8f0b-7d2a6c3e0002';
const WORKFLOW_ID = 'wf-send-once';
const NAMESPACE = 'chatflow-send-once:';

let platform: FakePlatform;
let redis: RedisServer;
const dir = mkdtempSync(join(tmpdir(), 'chatflow-send-once-'));
/** Recipients the platform fails once (then accepts). */
const failOnce = new Set<string>();

beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [TOKEN], latencyMs: 5 });
	redis = await startRedisServer({ dir });
});
afterAll(async () => {
	await closeRedisConnections();
	await platform.close();
	await redis.stop();
	rmSync(dir, { recursive: true, force: true });
});

const contacts = Array.from({ length: 6 }, (_, i) => ({ phone: `+1 555 000 000${i}`, name: `Name${i}`, total: 10 + i, date: `May ${i + 1}`, order: `A-${i}` }));
let sendsSoFar = 0;

async function run(executionId: string) {
	const result = await runWorkflow({
		workflow: { ...loadWorkflowFixture('whatsapp-send-template'), id: WORKFLOW_ID } as WorkflowJson,
		credentials: {
			chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: WABA_ID, phoneNumberId: PHONE_ID, apiVersion: 'v26.0', baseUrl: platform.url },
			chatflowRedisApi: { host: '127.0.0.1', port: redis.port, namespace: NAMESPACE },
		},
		input: contacts,
		executionId,
	});
	const posts = platform.received('POST', `/:v/${PHONE_ID}/messages`).map((r) => (r.json as { to: string }).to);
	const sent = posts.slice(sendsSoFar);
	sendsSoFar = posts.length;
	return { result, sent: sent.sort() };
}

/** The send-once record of item `index` of execution `executionId` (first run of the node). */
const recordKey = (executionId: string, index: number) => `${NAMESPACE}sent:${WORKFLOW_ID}:${executionId}:${NODE_ID}:0:${index}`;

describe('WhatsApp sends with a State Store credential: once per item and execution', () => {
	it('a re-run of the execution sends only what was not answered before', async () => {
		serveTemplates(platform);
		let messageNumber = 0;
		platform.on('POST', `/:v/${PHONE_ID}/messages`, (request: RecordedRequest) => {
			const to = (request.json as { to: string }).to;
			if (failOnce.delete(to)) return graphError(131047, 'Re-engagement message');
			return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.${to}.${++messageNumber}`, message_status: 'accepted' }] } };
		});
		failOnce.add('15550000002');

		const first = await run('e-1');
		expect(first.result.status).toBe('success');
		expect(first.sent).toEqual(contacts.map((_, i) => `1555000000${i}`));
		const firstOutput = first.result.output(NODE);
		expect(firstOutput[2].error).toMatch(/131047/);

		// The worker died during the send: items 4 and 5 were never reached, item 3 was posted but
		// its answer never came back (claimed, not answered).
		const raw = new Redis({ port: redis.port, lazyConnect: true });
		await raw.del(recordKey('e-1', 4), recordKey('e-1', 5));
		await raw.set(recordKey('e-1', 3), 'sending');
		raw.disconnect();

		const again = await run('e-1');
		expect(again.result.status).toBe('success');
		// Item 2 failed before (its claim was dropped), 3 was in flight, 4 and 5 never sent.
		expect(again.sent).toEqual(['15550000002', '15550000003', '15550000004', '15550000005']);
		const output = again.result.output(NODE);
		for (const i of [0, 1]) expect(output[i]).toMatchObject({ messageId: firstOutput[i].messageId, to: `1555000000${i}`, alreadySent: true });
		for (const i of [2, 3, 4, 5]) expect(output[i]).toMatchObject({ to: `1555000000${i}`, messageId: expect.stringMatching(/^wamid\./) });
		for (const i of [2, 3, 4, 5]) expect(output[i].alreadySent).toBeUndefined();
		expect(again.result.logs).toEqual(
			expect.arrayContaining([expect.objectContaining({ level: 'warn', message: expect.stringContaining('item 3 was being sent when this execution stopped before') })]),
		);

		// A third run of e-1 sends nothing; another execution sends everything.
		expect((await run('e-1')).sent).toEqual([]);
		expect((await run('e-2')).sent).toHaveLength(6);
	});
});
