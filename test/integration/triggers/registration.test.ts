import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { FakePlatform } from '../../../simulator/platform';
import { runHook, type CredentialsByType } from '../../support/harness';

const WEBHOOK_BASE = 'https://n8n.example.com/webhook';
const OUR_URL = `${WEBHOOK_BASE}/3f1c/webhook`;
const APP_ID = '1234567890';
const WABA = '102290129340398';
const PAGE = '107714394487210';

let platform: FakePlatform;
beforeAll(async () => (platform = await FakePlatform.start()));
afterAll(async () => await platform.close());
beforeEach(() => platform.reset());

/** A tiny stateful Meta: app subscriptions and account subscribed_apps, kept per test. */
function fakeMeta(initial: { appCallback?: string; accountApps?: IDataObject[] } = {}) {
	const state = {
		subscription: initial.appCallback
			? { object: 'whatsapp_business_account', callback_url: initial.appCallback, active: true, fields: [{ name: 'messages', version: 'v26.0' }] }
			: undefined as IDataObject | undefined,
		accountApps: initial.accountApps ?? ([] as IDataObject[]),
	};
	platform.on('GET', '/:version/:app/subscriptions', () => ({ json: { data: state.subscription ? [state.subscription] : [] } }));
	platform.on('POST', '/:version/:app/subscriptions', (request) => {
		const body = request.json as IDataObject;
		state.subscription = {
			object: body.object,
			callback_url: body.callback_url,
			active: true,
			fields: String(body.fields).split(',').map((name) => ({ name, version: 'v26.0' })),
		};
		return { json: { success: true } };
	});
	platform.on('DELETE', '/:version/:app/subscriptions', () => {
		state.subscription = undefined;
		return { json: { success: true } };
	});
	platform.on('GET', '/:version/:account/subscribed_apps', () => ({ json: { data: state.accountApps } }));
	platform.on('POST', '/:version/:account/subscribed_apps', (request) => {
		state.accountApps.push({ whatsapp_business_api_data: { id: APP_ID }, id: APP_ID, subscribed_fields: String(request.query.subscribed_fields ?? '').split(',') });
		return { json: { success: true } };
	});
	platform.on('DELETE', '/:version/:account/subscribed_apps', () => {
		state.accountApps = [];
		return { json: { success: true } };
	});
	return state;
}

/**
 * A trigger (version 1) in a saved workflow, activated and deactivated as n8n does it: each call
 * runs the node's webhook method through n8n-core's HookContext, and the workflow's static data
 * is carried from one call to the next, as n8n saves it with the workflow. `nodeStaticData` is
 * the trigger's own part of it (`getWorkflowStaticData('node')`).
 */
function activation(type: string, parameters: IDataObject, credentials: CredentialsByType, nodeStaticData: IDataObject = {}) {
	let staticData: IDataObject = { 'node:Trigger': nodeStaticData };
	const call = async (method: 'checkExists' | 'create' | 'delete') => {
		const workflow = {
			nodes: [{ id: 'trigger', name: 'Trigger', type: `n8n-nodes-chatflow.${type}`, typeVersion: 1, position: [0, 0] as [number, number], webhookId: '3f1c', parameters: parameters as INodeParameters }],
			connections: {},
			staticData,
		};
		const result = await runHook({ workflow, node: 'Trigger', method, credentials, webhookBaseUrl: WEBHOOK_BASE });
		expect(result.webhookUrl).toBe(OUR_URL);
		staticData = result.staticData;
		return result.returned;
	};
	return {
		checkExists: async () => await call('checkExists'),
		create: async () => await call('create'),
		delete: async () => await call('delete'),
		get nodeStaticData() {
			return (staticData['node:Trigger'] ?? {}) as IDataObject;
		},
	};
}

/** The WhatsApp trigger with the Meta app credential (and any other given). */
function hookContext(parameters: IDataObject, extraCredentials: CredentialsByType = {}) {
	const credentials = {
		chatflowMetaAppApi: { appId: APP_ID, appSecret: 's', verifyToken: 'vt-123', apiVersion: 'v26.0', baseUrl: platform.url },
		...extraCredentials,
	};
	return activation('chatflowWhatsAppTrigger', parameters, credentials);
}

const whatsAppCredential = () => ({ chatflowWhatsAppApi: { accessToken: 't', businessAccountId: WABA, apiVersion: 'v26.0', baseUrl: platform.url } });

describe('Meta registration', () => {

	it('manual mode touches nothing at Meta', async () => {
		const ctx = hookContext({ registration: 'manual' });
		expect(await ctx.checkExists()).toBe(true);
		expect(await ctx.delete()).toBe(true);
		expect(platform.requests).toHaveLength(0);
	});

	it('automatic mode subscribes app and WABA, then removes exactly that', async () => {
		const meta = fakeMeta();
		const credentials = whatsAppCredential();
		const ctx = hookContext({ registration: 'automatic', events: ['message', 'status', 'templateStatus'] }, credentials);
		expect(await ctx.checkExists()).toBe(false);
		expect(await ctx.create()).toBe(true);

		const [subscribe] = platform.received('POST', `/v26.0/${APP_ID}/subscriptions`);
		expect(subscribe.json).toMatchObject({
			object: 'whatsapp_business_account',
			callback_url: OUR_URL,
			verify_token: 'vt-123',
			fields: 'message_template_quality_update,message_template_status_update,messages,template_category_update',
			include_values: true,
		});
		expect(platform.received('POST', `/v26.0/${WABA}/subscribed_apps`)).toHaveLength(1);
		expect(ctx.nodeStaticData.chatflowRegistration).toEqual({
			appSubscription: { object: 'whatsapp_business_account', callbackUrl: OUR_URL },
			accountSubscription: { credential: 'chatflowWhatsAppApi', path: `/${WABA}/subscribed_apps` },
		});
		expect(await ctx.checkExists()).toBe(true);

		expect(await ctx.delete()).toBe(true);
		expect(platform.received('DELETE', `/v26.0/${WABA}/subscribed_apps`)).toHaveLength(1);
		const [unsubscribe] = platform.received('DELETE', `/v26.0/${APP_ID}/subscriptions`);
		expect(unsubscribe.query.object).toBe('whatsapp_business_account');
		expect(meta.subscription).toBeUndefined();
		expect(ctx.nodeStaticData.chatflowRegistration).toBeUndefined();
	});

	it('refuses to overwrite a callback URL another workflow owns, naming it', async () => {
		fakeMeta({ appCallback: 'https://other.example.com/webhook/other' });
		const ctx = hookContext({ registration: 'automatic' });
		await expect(ctx.checkExists()).rejects.toThrow(
			`Meta app ${APP_ID} already sends whatsapp_business_account webhooks to https://other.example.com/webhook/other`,
		);
		await expect(ctx.create()).rejects.toThrow(/other\.example\.com/);
		expect(platform.received('POST', `/v26.0/${APP_ID}/subscriptions`)).toHaveLength(0);
	});

	it('leaves a WABA subscription it found in place, and a per-WABA override of another URL fails', async () => {
		const credentials = whatsAppCredential();
		fakeMeta({ accountApps: [{ whatsapp_business_api_data: { id: APP_ID } }] });
		const ctx = hookContext({ registration: 'automatic' }, credentials);
		await ctx.create();
		expect(platform.received('POST', `/v26.0/${WABA}/subscribed_apps`)).toHaveLength(0);
		await ctx.delete();
		expect(platform.received('DELETE', `/v26.0/${WABA}/subscribed_apps`)).toHaveLength(0);

		platform.reset();
		fakeMeta({ accountApps: [{ whatsapp_business_api_data: { id: APP_ID }, override_callback_uri: 'https://elsewhere.example.com/hook' }] });
		await expect(hookContext({ registration: 'automatic' }, credentials).create()).rejects.toThrow(
			`${WABA} overrides the callback URL for app ${APP_ID} with https://elsewhere.example.com/hook`,
		);
	});

	it('subscribes a page with the fields of the selected events', async () => {
		fakeMeta();
		const page = { chatflowMessengerApi: { pageId: PAGE, accessToken: 'p', apiVersion: 'v26.0', baseUrl: platform.url } };
		const ctx = activation('chatflowMessengerTrigger', { registration: 'automatic', events: ['message', 'postback', 'read'] }, {
			chatflowMetaAppApi: { appId: APP_ID, appSecret: 's', verifyToken: 'vt-123', apiVersion: 'v26.0', baseUrl: platform.url },
			...page,
		});
		await ctx.create();
		const [subscribe] = platform.received('POST', `/v26.0/${PAGE}/subscribed_apps`);
		expect(subscribe.query.subscribed_fields).toBe('message_reads,messages,messaging_postbacks');
		expect((platform.received('POST', `/v26.0/${APP_ID}/subscriptions`)[0].json as IDataObject).object).toBe('page');
	});
});

describe('Viber registration', () => {
	const viberContext = (parameters: IDataObject, nodeStaticData: IDataObject = {}) =>
		activation('chatflowViberTrigger', parameters, { chatflowViberApi: { authToken: 'tok', senderName: 'Bot', baseUrl: `${platform.url}/pa` } }, nodeStaticData);

	function fakeViber(webhook: string) {
		const state = { webhook };
		platform.on('POST', '/pa/get_account_info', () => ({ json: { status: 0, status_message: 'ok', id: 'pa:1', webhook: state.webhook } }));
		platform.on('POST', '/pa/set_webhook', (request) => {
			state.webhook = String((request.json as IDataObject).url);
			return { json: { status: 0, status_message: 'ok', event_types: ['delivered'] } };
		});
		return state;
	}

	it('sets the webhook with the chosen event types and removes it on delete', async () => {
		const state = fakeViber('');
		const ctx = viberContext({ registration: 'automatic', events: ['message', 'delivered', 'conversation_started'] });
		expect(await ctx.checkExists()).toBe(false);
		await ctx.create();
		expect(platform.received('POST', '/pa/set_webhook')[0].json).toEqual({
			url: OUR_URL,
			event_types: ['delivered', 'conversation_started'],
			send_name: true,
			send_photo: true,
		});
		expect(state.webhook).toBe(OUR_URL);
		expect(await ctx.checkExists()).toBe(true);
		await ctx.delete();
		expect(platform.received('POST', '/pa/set_webhook')[1].json).toEqual({ url: '' });
		expect(ctx.nodeStaticData.chatflowRegistration).toBeUndefined();
	});

	it('does not overwrite a webhook that points elsewhere', async () => {
		fakeViber('https://other.example.com/viber');
		await expect(viberContext({ registration: 'automatic' }).create()).rejects.toThrow(
			'This Viber bot already sends its webhooks to https://other.example.com/viber',
		);
		expect(platform.received('POST', '/pa/set_webhook')).toHaveLength(0);
	});

	it('does not remove a webhook someone else set after us', async () => {
		fakeViber('https://new-owner.example.com/viber');
		const ctx = viberContext({ registration: 'automatic' }, { chatflowRegistration: { viberWebhook: OUR_URL } });
		await ctx.delete();
		// It looked (its registration was found) and left the other owner's webhook alone.
		expect(platform.received('POST', '/pa/get_account_info')).toHaveLength(1);
		expect(platform.received('POST', '/pa/set_webhook')).toHaveLength(0);
	});
});
