/**
 * Two workflows on one Meta app, in the real n8n: each WhatsApp trigger set to "Automatic, This
 * Phone Number Only" points its own number's callback override at itself on activation. The fake
 * Meta verifies each override with the GET handshake against n8n's production URL (answered by
 * the trigger), then routes every number's events the way Meta does (number override, WABA
 * override, app URL). Deactivating one workflow removes its override and leaves the other working.
 */
import { randomUUID } from 'node:crypto';

import { FakePlatform } from '../../simulator/platform';
import { installWebhookOverrides, type WebhookRouting } from '../../simulator/businessAccount/webhookOverrides';
import { APP_SECRET, postSigned, VERIFY_TOKEN, WABA_ID, WHATSAPP_TOKEN, whatsAppDelivery } from './examples-support';
import { until } from './conversation-flow';
import { connectE2e, nodeType, type E2eContext } from './support/n8n';

jest.setTimeout(120_000);

const APP_ID = '1234567890';
const NUMBER_A = '106540352240001';
const NUMBER_B = '106540352240002';
const APP_URL = 'https://app-owner.example.com/webhook/app';

let n8n: E2eContext;
let platform: FakePlatform;
let routing: WebhookRouting;
const workflows: Record<string, { id: string; url: string }> = {};

async function triggerWorkflow(number: string): Promise<{ id: string; url: string }> {
	const credential = async (type: string, data: Record<string, unknown>) => {
		const created = await n8n.api.createCredential(type, `${type} ${number} ${randomUUID().slice(0, 6)}`, data);
		return { id: created.id, name: created.name };
	};
	const meta = await credential('chatflowMetaAppApi', { appId: APP_ID, appSecret: APP_SECRET, previousAppSecret: '', verifyToken: VERIFY_TOKEN, apiVersion: 'v26.0', baseUrl: platform.url });
	const whatsApp = await credential('chatflowWhatsAppApi', { accessToken: WHATSAPP_TOKEN, businessAccountId: WABA_ID, phoneNumberId: number, apiVersion: 'v26.0', baseUrl: platform.url });
	const webhookId = randomUUID();
	const id = await n8n.api.createWorkflow(
		{
			name: `override ${number}`,
			nodes: [
				{
					id: randomUUID(),
					name: 'WhatsApp Trigger',
					type: nodeType('chatflowWhatsAppTrigger'),
					typeVersion: 2,
					position: [0, 0],
					webhookId,
					parameters: { registration: 'phoneNumberOverride', events: ['message'], options: {} },
					credentials: { chatflowMetaAppApi: meta, chatflowWhatsAppApi: whatsApp },
				},
			],
			connections: {},
		},
		{ webhooks: [{ path: `${webhookId}/webhook`, method: 'GET' }, { path: `${webhookId}/webhook`, method: 'POST' }] },
	);
	return { id, url: n8n.api.webhookUrl(webhookId, 'webhook') };
}

/** What Meta does when a contact writes to `number`: a signed POST to wherever it routes that number. */
async function contactWrites(number: string, text: string): Promise<{ target: string; status: number }> {
	const target = routing.targetFor(number);
	const body = whatsAppDelivery({
		metadata: { display_phone_number: '15550783881', phone_number_id: number },
		contacts: [{ profile: { name: 'Ada' }, wa_id: '16505551234', user_id: 'US.13491208655302741918' }],
		messages: [{ from: '16505551234', from_user_id: 'US.13491208655302741918', id: `wamid.${randomUUID()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
	});
	if (target === APP_URL) return { target, status: 0 }; // the app's own URL belongs to another system
	const { status } = await postSigned(target, 'whatsapp', body);
	return { target, status };
}

async function textsOf(workflowId: string): Promise<string[]> {
	const executions = await n8n.api.executions(workflowId);
	return executions.map((execution) => String(n8n.output(execution, 'WhatsApp Trigger')[0]?.[0]?.text)).sort();
}

beforeAll(async () => {
	n8n = await connectE2e();
	platform = await FakePlatform.start();
	routing = installWebhookOverrides(platform, { appId: APP_ID, wabaId: WABA_ID, phoneNumberIds: [NUMBER_A, NUMBER_B], appCallback: APP_URL });
	workflows.a = await triggerWorkflow(NUMBER_A);
	workflows.b = await triggerWorkflow(NUMBER_B);
});

afterAll(async () => {
	for (const workflow of Object.values(workflows)) await n8n.api.deactivate(workflow.id).catch(() => undefined);
	await platform?.close();
});

describe('two workflows on one Meta app, one phone number each (callback overrides)', () => {
	it('activation set each number\'s override to its workflow after Meta\'s GET verification, and left the app URL alone', async () => {
		await until('both overrides', () => routing.numberOverrides.size === 2);
		expect(routing.numberOverrides.get(NUMBER_A)).toBe(workflows.a.url);
		expect(routing.numberOverrides.get(NUMBER_B)).toBe(workflows.b.url);
		expect(routing.verifications.map(({ url, status, ok }) => ({ url, status, ok })).sort((x, y) => x.url.localeCompare(y.url))).toEqual(
			[workflows.a.url, workflows.b.url].sort().map((url) => ({ url, status: 200, ok: true })),
		);
		expect(routing.appCallback).toBe(APP_URL);
		expect(platform.received('POST', `/v26.0/${APP_ID}/subscriptions`)).toHaveLength(0);
	});

	it('each workflow receives only its own number\'s events', async () => {
		expect(await contactWrites(NUMBER_A, 'to A')).toEqual({ target: workflows.a.url, status: 200 });
		expect(await contactWrites(NUMBER_B, 'to B')).toEqual({ target: workflows.b.url, status: 200 });
		await n8n.api.waitForExecutions(workflows.a.id, 1);
		await n8n.api.waitForExecutions(workflows.b.id, 1);
		expect(await textsOf(workflows.a.id)).toEqual(['to A']);
		expect(await textsOf(workflows.b.id)).toEqual(['to B']);
	});

	it('deactivating one workflow removes its override only; the other keeps receiving', async () => {
		await n8n.api.deactivate(workflows.a.id);
		await until('A\'s override removed', () => !routing.numberOverrides.has(NUMBER_A));
		expect(routing.targetFor(NUMBER_A)).toBe(APP_URL);
		expect(routing.numberOverrides.get(NUMBER_B)).toBe(workflows.b.url);
		expect(await contactWrites(NUMBER_B, 'to B again')).toEqual({ target: workflows.b.url, status: 200 });
		await n8n.api.waitForExecutions(workflows.b.id, 2);
		expect(await textsOf(workflows.b.id)).toEqual(['to B', 'to B again']);
		expect(await textsOf(workflows.a.id)).toEqual(['to A']);
	});
});
