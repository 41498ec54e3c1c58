/**
 * Registration by WhatsApp callback override, run as n8n runs activation hooks (n8n-core's
 * HookContext through the harness), against a fake Meta that keeps app, WABA and phone-number
 * callbacks and verifies every override URL with the GET handshake before accepting it. The
 * handshake is answered by a loopback server standing in for n8n's webhook route, with the same
 * function the trigger uses.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { answerMetaHandshake } from '../../../nodes/shared/trigger/handshake';
import { FakePlatform } from '../../../simulator/platform';
import { installWebhookOverrides, type WebhookRouting } from '../../../simulator/businessAccount/webhookOverrides';
import { runHook, type WorkflowJson } from '../../support/harness';

const APP_ID = '1234567890';
const WABA = '102290129340398';
const NUMBER_A = '106540352242922';
const NUMBER_B = '106540352242999';
const VERIFY_TOKEN = `vt-${randomUUID()}`;
const APP_URL = 'https://other-workflow.example.com/webhook/app';

let platform: FakePlatform;
let routing: WebhookRouting;
let n8nStandIn: Server;
let webhookBaseUrl: string;
/** Verify tokens the stand-in accepts, by webhook id (each "workflow" answers with its own credential). */
let handshakes = 0;

beforeAll(async () => {
	platform = await FakePlatform.start();
	n8nStandIn = createServer((request, response) => {
		handshakes++;
		const query = Object.fromEntries(new URL(request.url ?? '/', 'http://127.0.0.1').searchParams);
		const answer = answerMetaHandshake(query, VERIFY_TOKEN);
		response.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
	});
	await new Promise<void>((resolve) => n8nStandIn.listen(0, '127.0.0.1', resolve));
	webhookBaseUrl = `http://127.0.0.1:${(n8nStandIn.address() as AddressInfo).port}/webhook`;
});
afterAll(async () => {
	await platform.close();
	await new Promise((resolve) => n8nStandIn.close(resolve));
});
beforeEach(() => {
	platform.reset();
	routing = installWebhookOverrides(platform, { appId: APP_ID, wabaId: WABA, phoneNumberIds: [NUMBER_A, NUMBER_B], appCallback: APP_URL });
	handshakes = 0;
});

function workflow(parameters: INodeParameters, staticData: IDataObject = {}): WorkflowJson {
	return {
		id: `wf-${randomUUID()}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'WhatsApp Trigger',
				type: 'n8n-nodes-chatflow.chatflowWhatsAppTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters,
			},
		],
		connections: {},
		staticData,
	};
}

function credentials(phoneNumberId = NUMBER_A, verifyToken = VERIFY_TOKEN) {
	return {
		chatflowMetaAppApi: { appId: APP_ID, appSecret: 'secret', verifyToken, apiVersion: 'v26.0', baseUrl: platform.url },
		chatflowWhatsAppApi: { accessToken: 'token', businessAccountId: WABA, phoneNumberId, apiVersion: 'v26.0', baseUrl: platform.url },
	};
}

async function hook(flow: WorkflowJson, method: 'checkExists' | 'create' | 'delete', given = credentials()) {
	const result = await runHook({ workflow: flow, node: 'WhatsApp Trigger', method, credentials: given, webhookBaseUrl });
	flow.staticData = result.staticData;
	return result;
}

describe('WhatsApp registration by callback override', () => {
	it('this phone number only: activation sets and verifies the number\'s override, deactivation removes it, the app URL is untouched', async () => {
		const flow = workflow({ registration: 'phoneNumberOverride' });
		expect((await hook(flow, 'checkExists')).returned).toBe(false);
		const created = await hook(flow, 'create');
		expect(created.returned).toBe(true);
		expect(created.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/[0-9a-f-]+\/webhook$/);

		expect(routing.numberOverrides.get(NUMBER_A)).toBe(created.webhookUrl);
		expect(routing.verifications).toEqual([{ url: created.webhookUrl, status: 200, ok: true }]);
		expect(handshakes).toBe(1);
		expect(routing.targetFor(NUMBER_A)).toBe(created.webhookUrl);
		expect(routing.targetFor(NUMBER_B)).toBe(APP_URL);
		// The fields an override covers come here; marketing preferences, templates and account
		// events of the same number still go to the app's URL.
		expect(routing.targetFor(NUMBER_A, 'calls')).toBe(created.webhookUrl);
		expect(routing.targetFor(NUMBER_A, 'smb_message_echoes')).toBe(created.webhookUrl);
		expect(routing.targetFor(NUMBER_A, 'user_preferences')).toBe(APP_URL);
		expect(routing.targetFor(NUMBER_A, 'message_template_status_update')).toBe(APP_URL);
		expect(routing.targetFor(NUMBER_A, 'account_update')).toBe(APP_URL);
		// The WABA was not subscribed to the app: the number's override needs it, so it was; the
		// app's own subscription was never called.
		expect(routing.wabaSubscription).toEqual({ overrideUrl: '' });
		expect(platform.received('POST', `/v26.0/${APP_ID}/subscriptions`)).toHaveLength(0);
		expect(platform.received('DELETE', `/v26.0/${APP_ID}/subscriptions`)).toHaveLength(0);
		expect(flow.staticData).toEqual({
			'node:WhatsApp Trigger': { chatflowRegistration: { override: { level: 'phoneNumber', id: NUMBER_A, callbackUrl: created.webhookUrl } } },
		});
		expect((await hook(flow, 'checkExists')).returned).toBe(true);

		await hook(flow, 'delete');
		expect(routing.numberOverrides.has(NUMBER_A)).toBe(false);
		expect(routing.targetFor(NUMBER_A)).toBe(APP_URL);
		expect(routing.appCallback).toBe(APP_URL);
		// The WABA subscription stays: another number's workflow may rely on it.
		expect(routing.wabaSubscription).toEqual({ overrideUrl: '' });
		expect((await hook(flow, 'checkExists')).returned).toBe(false);
	});

	it('two workflows on two numbers of one app: each number goes to its own workflow; deactivating one leaves the other', async () => {
		const first = workflow({ registration: 'phoneNumberOverride' });
		const second = workflow({ registration: 'phoneNumberOverride', overridePhoneNumberId: NUMBER_B });
		const a = await hook(first, 'create');
		const b = await hook(second, 'create');
		expect(a.webhookUrl).not.toBe(b.webhookUrl);
		expect(routing.targetFor(NUMBER_A)).toBe(a.webhookUrl);
		expect(routing.targetFor(NUMBER_B)).toBe(b.webhookUrl);
		await hook(first, 'delete');
		expect(routing.targetFor(NUMBER_A)).toBe(APP_URL);
		expect(routing.targetFor(NUMBER_B)).toBe(b.webhookUrl);
		expect((await hook(second, 'checkExists')).returned).toBe(true);
	});

	it('this WhatsApp Business Account only: the WABA override, removed on deactivation by subscribing again without one', async () => {
		const flow = workflow({ registration: 'businessAccountOverride' });
		const created = await hook(flow, 'create');
		expect(routing.wabaSubscription).toEqual({ overrideUrl: created.webhookUrl });
		expect(routing.targetFor(NUMBER_B)).toBe(created.webhookUrl);
		expect(routing.targetFor(NUMBER_B, 'user_preferences')).toBe(APP_URL);
		// Meta takes an override only from a WABA already subscribed to the app: subscribe, then override.
		const [subscribe, override] = platform.received('POST', `/v26.0/${WABA}/subscribed_apps`);
		expect(subscribe.json).toBeUndefined();
		expect(override.json).toEqual({ override_callback_uri: created.webhookUrl, verify_token: VERIFY_TOKEN });
		expect((await hook(flow, 'checkExists')).returned).toBe(true);
		await hook(flow, 'delete');
		expect(routing.wabaSubscription).toEqual({ overrideUrl: '' });
		expect(routing.targetFor(NUMBER_B)).toBe(APP_URL);
	});

	it('refuses to replace an override another workflow set, naming it, and changes nothing', async () => {
		routing.numberOverrides.set(NUMBER_A, 'https://someone-else.example.com/hook');
		const flow = workflow({ registration: 'phoneNumberOverride' });
		await expect(hook(flow, 'create')).rejects.toThrow(
			`The phone number ${NUMBER_A} already sends its webhooks to https://someone-else.example.com/hook; this trigger will not replace that override`,
		);
		expect(routing.numberOverrides.get(NUMBER_A)).toBe('https://someone-else.example.com/hook');
		expect(platform.received('POST', `/v26.0/${NUMBER_A}`)).toHaveLength(0);
		// Deactivating a workflow that set nothing removes nothing.
		await hook(flow, 'delete');
		expect(routing.numberOverrides.get(NUMBER_A)).toBe('https://someone-else.example.com/hook');
	});

	it('does not remove an override that someone changed after it was set', async () => {
		const flow = workflow({ registration: 'phoneNumberOverride' });
		await hook(flow, 'create');
		routing.numberOverrides.set(NUMBER_A, 'https://new-owner.example.com/hook');
		await hook(flow, 'delete');
		expect(routing.numberOverrides.get(NUMBER_A)).toBe('https://new-owner.example.com/hook');
	});

	it('an override Meta refuses (the URL does not verify) fails activation with Meta\'s error and a hint, and records nothing', async () => {
		const flow = workflow({ registration: 'phoneNumberOverride' });
		const error = await hook(flow, 'create', credentials(NUMBER_A, 'a-token-the-url-does-not-know')).catch((thrown: Error & { description?: string }) => thrown);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/Callback verification failed/);
		expect((error as { description?: string }).description).toMatch(/verify token/);
		expect(routing.verifications).toEqual([expect.objectContaining({ ok: false, status: 403 })]);
		expect(routing.numberOverrides.has(NUMBER_A)).toBe(false);
		expect(flow.staticData).toEqual({});
	});

	it('needs the WhatsApp Cloud API credential, and says so', async () => {
		const flow = workflow({ registration: 'businessAccountOverride' });
		const { chatflowMetaAppApi } = credentials();
		await expect(hook(flow, 'create', { chatflowMetaAppApi } as ReturnType<typeof credentials>)).rejects.toThrow(
			'Registration by override needs a WhatsApp Cloud API credential on this trigger',
		);
	});
});
