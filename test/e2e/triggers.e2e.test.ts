/**
 * The four triggers in the real n8n: handshake, signed batches become one execution with one
 * item per event, bad signatures and redeliveries start nothing. "Nothing started" is proven
 * with a marker: after the request that must not run, a different valid delivery is sent, and
 * the executions are exactly the expected ones plus the marker's, in order.
 */
import { randomUUID } from 'node:crypto';

import { connectE2e, nodeType, type E2eContext, type ExecutionSummary } from './support/n8n';
import { fixtureBytes, signatureHeaders, TEST_APP_SECRET, TEST_VIBER_TOKEN } from '../support/webhookFixtures';

type Channel = 'whatsapp' | 'messenger' | 'instagram' | 'viber';

const NODE: Record<Channel, string> = {
	whatsapp: 'chatflowWhatsAppTrigger',
	messenger: 'chatflowMessengerTrigger',
	instagram: 'chatflowInstagramTrigger',
	viber: 'chatflowViberTrigger',
};

const VERIFY_TOKEN = `verify-${randomUUID()}`;

let n8n: E2eContext;
let metaCredential: { id: string; name: string };
let viberCredential: { id: string; name: string };

beforeAll(async () => {
	n8n = await connectE2e();
	metaCredential = await n8n.api.createCredential('chatflowMetaAppApi', 'e2e meta app', {
		appId: '1234567890',
		appSecret: TEST_APP_SECRET,
		previousAppSecret: '',
		verifyToken: VERIFY_TOKEN,
		apiVersion: 'v26.0',
		baseUrl: 'http://127.0.0.1:9',
	});
	viberCredential = await n8n.api.createCredential('chatflowViberApi', 'e2e viber', {
		authToken: TEST_VIBER_TOKEN,
		senderName: 'E2E Bot',
		senderAvatar: '',
		baseUrl: 'http://127.0.0.1:9',
	});
});

async function activate(channel: Channel, parameters: Record<string, unknown> = {}): Promise<{ workflowId: string; url: string }> {
	const webhookId = randomUUID();
	const credentials =
		channel === 'viber' ? { chatflowViberApi: viberCredential } : { chatflowMetaAppApi: metaCredential };
	const workflowId = await n8n.api.createWorkflow(
		{
			name: `e2e ${channel} trigger ${webhookId}`,
			nodes: [
				{
					id: randomUUID(),
					name: 'Trigger',
					type: nodeType(NODE[channel]),
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters,
					credentials,
				},
			],
			connections: {},
		},
		{
			webhooks:
				channel === 'viber'
					? [{ path: `${webhookId}/webhook`, method: 'POST' }]
					: [
							{ path: `${webhookId}/webhook`, method: 'POST' },
							{ path: `${webhookId}/webhook`, method: 'GET' },
						],
		},
	);
	return { workflowId, url: n8n.api.webhookUrl(webhookId, 'webhook') };
}

async function post(url: string, channel: Channel, body: Buffer, secret?: string): Promise<{ status: number; text: string }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...signatureHeaders(channel, body, secret) },
		body,
	});
	return { status: response.status, text: await response.text() };
}

function items(execution: ExecutionSummary): Array<Record<string, unknown>> {
	return n8n.output(execution, 'Trigger')[0];
}

describe('Chatflow WhatsApp Trigger in n8n', () => {
	let workflowId: string;
	let url: string;

	beforeAll(async () => ({ workflowId, url } = await activate('whatsapp')));

	it('answers the verification GET only with the right verify token', async () => {
		const ask = async (token: string) => {
			const response = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`);
			return { status: response.status, text: await response.text() };
		};
		expect(await ask(VERIFY_TOKEN)).toEqual({ status: 200, text: '1158201444' });
		expect((await ask('wrong-token')).status).toBe(403);
	});

	it('runs a signed batch once with one item per event; bad signatures and redeliveries start nothing', async () => {
		const batch = fixtureBytes('whatsapp', 'batch_multi_entry');
		expect(await post(url, 'whatsapp', batch)).toEqual({ status: 200, text: 'OK' });
		const [first] = await n8n.api.waitForExecutions(workflowId, 1);
		expect(items(first).map((item) => `${item.event}:${item.messageId}`)).toEqual([
			'message:wamid.B1',
			'message:wamid.B2',
			'message:wamid.B3',
			'status:wamid.S1',
			'status:wamid.S1',
			'message:wamid.B4',
			'status:wamid.S2',
		]);
		expect(items(first)[1]).toMatchObject({ channel: 'whatsapp', text: 'second ✓', contact: { id: '16505559999', name: 'Grace' } });

		expect((await post(url, 'whatsapp', batch, 'forged-secret')).status).toBe(403);
		expect((await post(url, 'whatsapp', fixtureBytes('whatsapp', 'text'), 'forged-secret')).status).toBe(403);
		expect(await post(url, 'whatsapp', batch)).toEqual({ status: 200, text: 'OK' });
		// The marker: a new, valid delivery. It must be execution number 2.
		expect((await post(url, 'whatsapp', fixtureBytes('whatsapp', 'interactive_nfm_reply'))).status).toBe(200);
		const executions = await n8n.api.waitForExecutions(workflowId, 2);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(await n8n.api.executions(workflowId, { includeData: false })).toHaveLength(2);
		expect(items(executions[1])).toEqual([expect.objectContaining({ type: 'flowResponse', flowResponse: expect.objectContaining({ flowToken: 'ft.order.42' }) })]);
	});

	it('logs refused signatures without the app secret', () => {
		const logs = n8n.logs();
		expect(logs).toMatch(/Chatflow WhatsApp Trigger: refused a delivery \(403\)/);
		expect(logs).not.toContain(TEST_APP_SECRET);
		expect(logs).not.toContain(VERIFY_TOKEN);
	});
});

describe.each([
	['messenger', 'batch_multi_entry', ['message', 'message', 'delivery', 'postback', 'message']],
	['instagram', 'batch', ['message', 'reaction', 'message']],
] as Array<[Channel, string, string[]]>)('Chatflow %s trigger in n8n', (channel, fixture, events) => {
	it('runs a signed batch with one item per event and ignores its redelivery', async () => {
		const { workflowId, url } = await activate(channel);
		const body = fixtureBytes(channel, fixture);
		expect((await post(url, channel, body)).status).toBe(200);
		expect((await post(url, channel, body)).status).toBe(200);
		expect((await post(url, channel, body, 'forged')).status).toBe(403);
		expect((await post(url, channel, fixtureBytes(channel, 'text'))).status).toBe(200);
		const executions = await n8n.api.waitForExecutions(workflowId, 2);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(await n8n.api.executions(workflowId, { includeData: false })).toHaveLength(2);
		expect(items(executions[0]).map((item) => item.event)).toEqual(events);
		expect(items(executions[1])[0]).toMatchObject({ channel, event: 'message', type: 'text' });
	});
});

describe('Chatflow Viber Trigger in n8n', () => {
	it('answers the webhook check, keeps 64-bit tokens, welcomes, and refuses forged callbacks', async () => {
		const { workflowId, url } = await activate('viber', { sendWelcome: true, welcomeText: 'Welcome to E2E!' });
		expect((await post(url, 'viber', fixtureBytes('viber', 'webhook'))).status).toBe(200);
		expect((await post(url, 'viber', fixtureBytes('viber', 'message_text'), 'forged-token')).status).toBe(403);
		const welcome = await post(url, 'viber', fixtureBytes('viber', 'conversation_started'));
		expect(welcome.status).toBe(200);
		expect(JSON.parse(welcome.text)).toEqual({ sender: { name: 'E2E Bot' }, type: 'text', text: 'Welcome to E2E!' });
		expect((await post(url, 'viber', fixtureBytes('viber', 'message_text'))).status).toBe(200);
		expect((await post(url, 'viber', fixtureBytes('viber', 'message_text'))).status).toBe(200);
		const executions = await n8n.api.waitForExecutions(workflowId, 2);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(await n8n.api.executions(workflowId, { includeData: false })).toHaveLength(2);
		expect(items(executions[0])[0]).toMatchObject({ event: 'conversation_started', text: 'ad-campaign-7' });
		expect(items(executions[1])[0]).toMatchObject({ event: 'message', messageId: '5491174131373436412', raw: expect.objectContaining({ message_token: '5491174131373436412' }) });
		expect(n8n.logs()).not.toContain(TEST_VIBER_TOKEN);
	});
});
