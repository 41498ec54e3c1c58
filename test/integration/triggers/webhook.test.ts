import { createHmac, randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { dedupeKey, runPipeline } from '../../../nodes/shared/ingestion';
import { closeRedisConnections, openStore } from '../../../nodes/shared/store';
import { runWebhook, type CredentialsByType } from '../../support/harness';
import { TRIGGER_NODE_ID, triggerWorkflow } from '../../support/triggerWorkflow';
import {
	fixtureBytes,
	signatureHeaders,
	TEST_APP_SECRET,
	TEST_PREVIOUS_APP_SECRET,
	TEST_VIBER_TOKEN,
} from '../../support/webhookFixtures';

const META_APP = {
	appId: '1234567890',
	appSecret: TEST_APP_SECRET,
	previousAppSecret: '',
	verifyToken: 'verify-me-please',
	apiVersion: 'v26.0',
	baseUrl: 'http://127.0.0.1:9',
};
const VIBER = { authToken: TEST_VIBER_TOKEN, senderName: 'Chatflow Bot', senderAvatar: 'https://example.com/bot.png', baseUrl: 'http://127.0.0.1:9' };

const whatsapp = 'chatflowWhatsAppTrigger';
const messenger = 'chatflowMessengerTrigger';
const instagram = 'chatflowInstagramTrigger';
const viber = 'chatflowViberTrigger';

afterAll(async () => await closeRedisConnections());

interface Delivery {
	headers?: Record<string, string>;
	credentials?: CredentialsByType;
	credentialIds?: Record<string, string>;
	parameters?: IDataObject;
	workflowId?: string;
}

/**
 * POSTs `body` (signed unless told otherwise) to a trigger (version 1) over HTTP, through n8n's
 * webhook middleware and n8n-core's WebhookContext, and returns what went back and what it emitted.
 */
async function deliver(type: string, channel: 'whatsapp' | 'messenger' | 'instagram' | 'viber', body: Buffer, options: Delivery = {}) {
	const credentials: CredentialsByType = options.credentials ?? (channel === 'viber' ? { chatflowViberApi: VIBER } : { chatflowMetaAppApi: META_APP });
	const run = await runWebhook({
		workflow: triggerWorkflow(type, { ...options, credentials }),
		node: 'Trigger',
		credentials,
		request: { headers: options.headers ?? { 'content-type': 'application/json', ...signatureHeaders(channel, body) }, body },
	});
	return { response: run.response, result: run.returned ?? {}, items: run.items, logs: run.logs };
}

/** A batch for a workflow of its own whose trigger de-duplicates in a Redis namespace of its own. */
function redisBatch() {
	const redis = { host: '127.0.0.1', port: 6379, namespace: `chatflow-test:${randomUUID()}:` };
	return { redis, credentials: { chatflowMetaAppApi: META_APP, chatflowRedisApi: redis }, workflowId: `wf-${randomUUID()}`, body: fixtureBytes('whatsapp', 'batch_multi_entry') };
}

/**
 * Delivers again until the platform gets its 200, as Meta does: a delivery that arrives while
 * the first one's claims are still being confirmed (they are, once n8n has answered) is refused
 * with 503 and starts nothing.
 */
async function redeliverUntilAnswered(again: () => ReturnType<typeof deliver>): Promise<Awaited<ReturnType<typeof deliver>>> {
	for (let attempt = 0; attempt < 100; attempt++) {
		const delivery = await again();
		if (delivery.response.status === 200) return delivery;
		expect(delivery.response.status).toBe(503);
		expect(delivery.items).toHaveLength(0);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error('the redelivery was refused 100 times: the first delivery\'s claims were never confirmed');
}

describe('Meta verification handshake (GET setup webhook)', () => {
	it.each([
		['right token', 'verify-me-please', 200, 'challenge-42'],
		['wrong token', 'guess', 403, 'Verify token does not match'],
	])('%s', async (_name, token, status, body) => {
		const credentials = { chatflowMetaAppApi: META_APP };
		const { response, returned } = await runWebhook({
			workflow: triggerWorkflow(whatsapp, { credentials }),
			node: 'Trigger',
			webhookName: 'setup',
			credentials,
			request: { query: { 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': 'challenge-42' } },
		});
		expect(returned?.workflowData).toBeUndefined();
		expect(response).toMatchObject({ status, text: body, contentType: expect.stringMatching(/^text\/plain/) });
	});
});

describe('WhatsApp deliveries', () => {
	it('leaves the 200 to n8n (sent once the execution is queued) and emits one item per event of a batch, in order', async () => {
		const { response, result, items } = await deliver(whatsapp, 'whatsapp', fixtureBytes('whatsapp', 'batch_multi_entry'));
		expect(response).toMatchObject({ status: 200, text: 'OK' });
		expect(result.noWebhookResponse).toBeUndefined();
		expect(items.map((item) => `${item.json.event}:${item.json.messageId}`)).toEqual([
			'message:wamid.B1',
			'message:wamid.B2',
			'message:wamid.B3',
			'status:wamid.S1',
			'status:wamid.S1',
			'message:wamid.B4',
			'status:wamid.S2',
		]);
		expect(items[0].json).toMatchObject({ channel: 'whatsapp', contact: { id: '16505551234', name: 'Ada' }, text: 'first' });
	});

	it('refuses a bad signature with 403, starts nothing, and logs why without the secret', async () => {
		const body = fixtureBytes('whatsapp', 'text');
		const { response, result, logs } = await deliver(whatsapp, 'whatsapp', body, {
			headers: { 'content-type': 'application/json', ...signatureHeaders('whatsapp', body, 'not-the-secret') },
		});
		expect(result.workflowData).toBeUndefined();
		expect(response).toMatchObject({ status: 403 });
		const warning = logs.find((line) => line.level === 'warn');
		expect(warning?.message).toMatch(/refused a delivery \(403\): x-hub-signature-256 does not match/);
		expect(JSON.stringify(logs)).not.toContain(TEST_APP_SECRET);
	});

	it('refuses an unsigned delivery with 401', async () => {
		const { response, result, logs } = await deliver(whatsapp, 'whatsapp', fixtureBytes('whatsapp', 'text'), {
			headers: { 'content-type': 'application/json' },
		});
		expect(result.workflowData).toBeUndefined();
		expect(response.status).toBe(401);
	});

	it('accepts the previous app secret during a rotation', async () => {
		const body = fixtureBytes('whatsapp', 'text');
		const headers = { 'content-type': 'application/json', ...signatureHeaders('whatsapp', body, TEST_PREVIOUS_APP_SECRET) };
		const before = await deliver(whatsapp, 'whatsapp', body, { headers });
		expect(before.response.status).toBe(403);
		const during = await deliver(whatsapp, 'whatsapp', body, {
			headers,
			credentials: { chatflowMetaAppApi: { ...META_APP, previousAppSecret: TEST_PREVIOUS_APP_SECRET } },
		});
		expect(during.items).toHaveLength(1);
	});

	it('a rotated app secret works from its first delivery, though the trigger caches the credential', async () => {
		const credentialIds = { chatflowMetaAppApi: `meta-${randomUUID()}` };
		const body = fixtureBytes('whatsapp', 'text');
		const before = await deliver(whatsapp, 'whatsapp', body, { credentialIds });
		expect(before.items).toHaveLength(1);
		// Saved under the same credential: the cached copy still has the old secret.
		const rotated = { ...META_APP, appSecret: 'rotated-app-secret-0123456789abcd' };
		const headers = { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', rotated.appSecret).update(body).digest('hex')}` };
		const after = await deliver(whatsapp, 'whatsapp', body, { credentialIds, headers, credentials: { chatflowMetaAppApi: rotated }, parameters: { options: { dedupeWindowMinutes: 0 } } });
		expect(after.response.status).toBe(200);
		expect(after.items).toHaveLength(1);
	});

	it('acknowledges a redelivered batch with 200 and starts no second execution', async () => {
		const workflowId = `wf-${randomUUID()}`;
		const body = fixtureBytes('whatsapp', 'batch_multi_entry');
		const first = await deliver(whatsapp, 'whatsapp', body, { workflowId });
		expect(first.items).toHaveLength(7);
		const again = await redeliverUntilAnswered(() => deliver(whatsapp, 'whatsapp', body, { workflowId }));
		expect(again.result.workflowData).toBeUndefined();
		expect(again.response).toMatchObject({ status: 200 });
		// With de-duplication off, the redelivery runs again.
		const off = await deliver(whatsapp, 'whatsapp', body, { workflowId, parameters: { options: { dedupeWindowMinutes: 0 } } });
		expect(off.items).toHaveLength(7);
	});

	it('de-duplicates in Redis across processes that share it', async () => {
		const { redis, credentials, workflowId, body } = redisBatch();
		const parameters = { options: { dedupeWindowMinutes: 1 } }; // the test's keys expire soon
		const first = await deliver(whatsapp, 'whatsapp', body, { workflowId, credentials, parameters });
		expect(first.response.status).toBe(200);
		expect(first.items).toHaveLength(7);
		// Another process gets the batch again (a fresh connection pool would see the same Redis).
		const again = await redeliverUntilAnswered(() => deliver(whatsapp, 'whatsapp', body, { workflowId, credentials, parameters }));
		expect(again.items).toHaveLength(0);
	});

	it('refuses (503) a delivery whose events another process is still handing to n8n, keeps nothing of it, and takes the events once that claim is gone', async () => {
		const { redis, credentials, workflowId, body } = redisBatch();
		// The process that holds the third event's claim has not handed it over (or died doing so).
		const [, , held] = runPipeline({ headers: signatureHeaders('whatsapp', body), rawBody: body }, { channel: 'whatsapp', secrets: [TEST_APP_SECRET] }).events;
		const store = openStore(redis, 'dedupe:');
		const heldKey = `${workflowId}:${TRIGGER_NODE_ID}:${dedupeKey(held)}`;
		expect(await store.setIfAbsent(heldKey, 'pending:other-process', 60_000)).toBe(true);

		const refused = await deliver(whatsapp, 'whatsapp', body, { workflowId, credentials });
		expect(refused.response.status).toBe(503);
		expect(refused.response.headers['retry-after']).toBe('120');
		expect(refused.items).toHaveLength(0);
		expect(refused.logs.find((line) => line.level === 'warn')?.message).toMatch(/1 event\(s\) of this delivery are still being handed to n8n/);

		await store.delete(heldKey); // its holder released it, or its handover time ran out
		const taken = await deliver(whatsapp, 'whatsapp', body, { workflowId, credentials });
		expect(taken.response.status).toBe(200);
		expect(taken.items).toHaveLength(7);
	});

	it('passes events through when Redis is down, and says so in the log', async () => {
		const credentials = { chatflowMetaAppApi: META_APP, chatflowRedisApi: { host: '127.0.0.1', port: 1, password: 'redis-secret' } };
		const { response, items, logs } = await deliver(whatsapp, 'whatsapp', fixtureBytes('whatsapp', 'text'), { credentials });
		expect(items).toHaveLength(1);
		const warning = logs.find((line) => line.level === 'warn')?.message ?? '';
		expect(warning).toMatch(/de-duplication store failed.*ECONNREFUSED/);
		expect(warning).not.toContain('redis-secret');
	});

	it('refuses a delivery with 503 while Redis is down when told to, starting nothing', async () => {
		const credentials = { chatflowMetaAppApi: META_APP, chatflowRedisApi: { host: '127.0.0.1', port: 1, password: 'redis-secret' } };
		const parameters = { options: { whenStoreUnreachable: 'refuse' } };
		const { response, items, logs } = await deliver(whatsapp, 'whatsapp', fixtureBytes('whatsapp', 'text'), { credentials, parameters });
		expect(response).toMatchObject({ status: 503, text: 'the State Store is unreachable; deliver again later' });
		expect(response.headers['retry-after']).toBe('30');
		expect(items).toHaveLength(0);
		const warning = logs.find((line) => line.level === 'warn')?.message ?? '';
		expect(warning).toMatch(/de-duplication store failed, the delivery is refused \(503\) to be delivered again: .*ECONNREFUSED/);
		expect(warning).not.toContain('redis-secret');
	});

	it('filters by event, status, message type and phone number id', async () => {
		const body = fixtureBytes('whatsapp', 'batch_multi_entry');
		const only = async (parameters: IDataObject) =>
			(await deliver(whatsapp, 'whatsapp', body, { parameters })).items.map((item) => item.json.messageId);
		expect(await only({ events: ['status'], statuses: ['read', 'sent'] })).toEqual(['wamid.S1', 'wamid.S2']);
		expect(await only({ events: ['message'], messageTypes: ['reply'] })).toEqual(['wamid.B3']);
		expect(await only({ accountIds: ' 106540352242999 , other ' })).toEqual(['wamid.B4', 'wamid.S2']);
		const none = await deliver(whatsapp, 'whatsapp', body, { parameters: { accountIds: 'nobody' } });
		expect(none.result.workflowData).toBeUndefined();
		expect(none.response.status).toBe(200);
	});

	it.each([
		// n8n parses a JSON body itself before the trigger runs, and answers 422 when it cannot.
		['invalid JSON', Buffer.from('{"object":'), 422, 'n8n'],
		['an empty body', Buffer.alloc(0), 400, 'the trigger'],
	])('answers %s with a 4xx and starts nothing', async (_name, body, status, refusedBy) => {
		const { response, result, logs } = await deliver(whatsapp, 'whatsapp', body);
		expect(result.workflowData).toBeUndefined();
		expect(response.status).toBe(status);
		const triggerWarned = logs.some((line) => line.level === 'warn' && line.message.startsWith('Chatflow WhatsApp Trigger: refused a delivery'));
		expect(triggerWarned).toBe(refusedBy === 'the trigger');
	});

	it('answers 413 above the configured size', async () => {
		const { response } = await deliver(whatsapp, 'whatsapp', fixtureBytes('whatsapp', 'batch_multi_entry'), {
			parameters: { options: { maxBodySizeKb: 1 } },
		});
		expect(response.status).toBe(413);
	});

	it('answers 500 instead of throwing when it cannot work (no credential)', async () => {
		const { response, result, logs } = await deliver(whatsapp, 'whatsapp', fixtureBytes('whatsapp', 'text'), { credentials: {} });
		expect(result.workflowData).toBeUndefined();
		expect(response.status).toBe(500);
		expect(logs.find((line) => line.level === 'error')?.message).toMatch(/does not have any credentials set for "chatflowMetaAppApi"/);
	});
});

describe('Messenger and Instagram deliveries', () => {
	it('emits every messaging item of a Messenger batch', async () => {
		const { items } = await deliver(messenger, 'messenger', fixtureBytes('messenger', 'batch_multi_entry'));
		expect(items.map((item) => item.json.event)).toEqual(['message', 'message', 'delivery', 'postback', 'message']);
	});

	it('routes by page id', async () => {
		const { items } = await deliver(messenger, 'messenger', fixtureBytes('messenger', 'batch_multi_entry'), {
			parameters: { accountIds: '107714394480000' },
		});
		expect(items.map((item) => item.json.messageId)).toEqual(['m_b4']);
	});

	it('ignores (200) a WhatsApp payload sent to the Instagram trigger', async () => {
		const { response, result, logs } = await deliver(instagram, 'instagram', fixtureBytes('whatsapp', 'text'));
		expect(result.workflowData).toBeUndefined();
		expect(response.status).toBe(200);
		expect(logs.map((line) => line.message).join('\n')).toMatch(/object "whatsapp_business_account" is not instagram/);
	});

	it('emits an Instagram batch', async () => {
		const { items } = await deliver(instagram, 'instagram', fixtureBytes('instagram', 'batch'));
		expect(items.map((item) => item.json.channel)).toEqual(['instagram', 'instagram', 'instagram']);
	});
});

describe('Viber callbacks', () => {
	it('answers the set_webhook check with 200 and starts nothing', async () => {
		const { response, result, logs } = await deliver(viber, 'viber', fixtureBytes('viber', 'webhook'));
		expect(result.workflowData).toBeUndefined();
		expect(response.status).toBe(200);
	});

	it('emits a message with its exact 64-bit token', async () => {
		const { items } = await deliver(viber, 'viber', fixtureBytes('viber', 'message_text'));
		expect(items[0].json).toMatchObject({ channel: 'viber', messageId: '5491174131373436412', type: 'text' });
	});

	it('answers conversation_started with the welcome message and still runs the workflow', async () => {
		const { response, items } = await deliver(viber, 'viber', fixtureBytes('viber', 'conversation_started'), {
			parameters: { sendWelcome: true, welcomeText: 'Hi! Type "menu" to start.' },
		});
		expect(response).toMatchObject({ status: 200, contentType: expect.stringMatching(/^application\/json/) });
		expect(JSON.parse(response.text)).toEqual({ sender: { name: 'Chatflow Bot', avatar: 'https://example.com/bot.png' }, type: 'text', text: 'Hi! Type "menu" to start.' });
		expect(items[0].json.event).toBe('conversation_started');
	});

	it('refuses a callback signed with another token', async () => {
		const body = fixtureBytes('viber', 'message_text');
		const { response, result, logs } = await deliver(viber, 'viber', body, {
			headers: { 'content-type': 'application/json', ...signatureHeaders('viber', body, 'other-token') },
		});
		expect(result.workflowData).toBeUndefined();
		expect(response.status).toBe(403);
		expect(JSON.stringify(logs)).not.toContain(TEST_VIBER_TOKEN);
	});
});
