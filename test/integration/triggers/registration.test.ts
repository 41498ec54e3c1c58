import type { IDataObject } from 'n8n-workflow';

import { ChatflowMessengerTrigger } from '../../../nodes/MessengerTrigger/ChatflowMessengerTrigger.node';
import { ChatflowViberTrigger } from '../../../nodes/ViberTrigger/ChatflowViberTrigger.node';
import { ChatflowWhatsAppTrigger } from '../../../nodes/WhatsAppTrigger/ChatflowWhatsAppTrigger.node';
import { FakePlatform } from '../../../simulator/platform';
import { createWebhookContext, type TestWebhookContext } from '../../support/webhookContext';

const OUR_URL = 'https://n8n.example.com/webhook/3f1c/webhook';
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

function hookContext(parameters: IDataObject, extraCredentials: IDataObject = {}, staticData: IDataObject = {}): TestWebhookContext {
	return createWebhookContext({
		parameters,
		webhookUrl: OUR_URL,
		staticData,
		credentials: {
			chatflowMetaAppApi: { appId: APP_ID, appSecret: 's', verifyToken: 'vt-123', apiVersion: 'v26.0', baseUrl: platform.url },
			...(extraCredentials as Record<string, IDataObject>),
		},
	});
}

const whatsAppCredential = () => ({ chatflowWhatsAppApi: { accessToken: 't', businessAccountId: WABA, apiVersion: 'v26.0', baseUrl: platform.url } });

describe('Meta registration', () => {
	const methods = new ChatflowWhatsAppTrigger().webhookMethods.default;

	it('manual mode touches nothing at Meta', async () => {
		const ctx = hookContext({ registration: 'manual' });
		expect(await methods.checkExists.call(ctx)).toBe(true);
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(platform.requests).toHaveLength(0);
	});

	it('automatic mode subscribes app and WABA, then removes exactly that', async () => {
		const meta = fakeMeta();
		const staticData: IDataObject = {};
		const credentials = whatsAppCredential();
		const ctx = hookContext({ registration: 'automatic', events: ['message', 'status', 'templateStatus'] }, credentials, staticData);
		expect(await methods.checkExists.call(ctx)).toBe(false);
		expect(await methods.create.call(ctx)).toBe(true);

		const [subscribe] = platform.received('POST', `/v26.0/${APP_ID}/subscriptions`);
		expect(subscribe.json).toMatchObject({
			object: 'whatsapp_business_account',
			callback_url: OUR_URL,
			verify_token: 'vt-123',
			fields: 'message_template_quality_update,message_template_status_update,messages,template_category_update',
			include_values: true,
		});
		expect(platform.received('POST', `/v26.0/${WABA}/subscribed_apps`)).toHaveLength(1);
		expect(staticData.chatflowRegistration).toEqual({
			appSubscription: { object: 'whatsapp_business_account', callbackUrl: OUR_URL },
			accountSubscription: { credential: 'chatflowWhatsAppApi', path: `/${WABA}/subscribed_apps` },
		});
		expect(await methods.checkExists.call(ctx)).toBe(true);

		expect(await methods.delete.call(ctx)).toBe(true);
		expect(platform.received('DELETE', `/v26.0/${WABA}/subscribed_apps`)).toHaveLength(1);
		const [unsubscribe] = platform.received('DELETE', `/v26.0/${APP_ID}/subscriptions`);
		expect(unsubscribe.query.object).toBe('whatsapp_business_account');
		expect(meta.subscription).toBeUndefined();
		expect(staticData.chatflowRegistration).toBeUndefined();
	});

	it('refuses to overwrite a callback URL another workflow owns, naming it', async () => {
		fakeMeta({ appCallback: 'https://other.example.com/webhook/other' });
		const ctx = hookContext({ registration: 'automatic' });
		await expect(methods.checkExists.call(ctx)).rejects.toThrow(
			`Meta app ${APP_ID} already sends whatsapp_business_account webhooks to https://other.example.com/webhook/other`,
		);
		await expect(methods.create.call(ctx)).rejects.toThrow(/other\.example\.com/);
		expect(platform.received('POST', `/v26.0/${APP_ID}/subscriptions`)).toHaveLength(0);
	});

	it('leaves a WABA subscription it found in place, and a per-WABA override of another URL fails', async () => {
		const credentials = whatsAppCredential();
		fakeMeta({ accountApps: [{ whatsapp_business_api_data: { id: APP_ID } }] });
		const staticData: IDataObject = {};
		const ctx = hookContext({ registration: 'automatic' }, credentials, staticData);
		await methods.create.call(ctx);
		expect(platform.received('POST', `/v26.0/${WABA}/subscribed_apps`)).toHaveLength(0);
		await methods.delete.call(ctx);
		expect(platform.received('DELETE', `/v26.0/${WABA}/subscribed_apps`)).toHaveLength(0);

		platform.reset();
		fakeMeta({ accountApps: [{ whatsapp_business_api_data: { id: APP_ID }, override_callback_uri: 'https://elsewhere.example.com/hook' }] });
		await expect(methods.create.call(hookContext({ registration: 'automatic' }, credentials))).rejects.toThrow(
			`${WABA} overrides the callback URL for app ${APP_ID} with https://elsewhere.example.com/hook`,
		);
	});

	it('subscribes a page with the fields of the selected events', async () => {
		fakeMeta();
		const page = { chatflowMessengerApi: { pageId: PAGE, accessToken: 'p', apiVersion: 'v26.0', baseUrl: platform.url } };
		const ctx = hookContext({ registration: 'automatic', events: ['message', 'postback', 'read'] }, page);
		await new ChatflowMessengerTrigger().webhookMethods.default.create.call(ctx);
		const [subscribe] = platform.received('POST', `/v26.0/${PAGE}/subscribed_apps`);
		expect(subscribe.query.subscribed_fields).toBe('message_reads,messages,messaging_postbacks');
		expect((platform.received('POST', `/v26.0/${APP_ID}/subscriptions`)[0].json as IDataObject).object).toBe('page');
	});
});

describe('Viber registration', () => {
	const methods = new ChatflowViberTrigger().webhookMethods.default;
	const viberContext = (parameters: IDataObject, staticData: IDataObject = {}) =>
		createWebhookContext({
			parameters,
			webhookUrl: OUR_URL,
			staticData,
			nodeType: 'n8n-nodes-chatflow.chatflowViberTrigger',
			credentials: { chatflowViberApi: { authToken: 'tok', senderName: 'Bot', baseUrl: `${platform.url}/pa` } },
		});

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
		const staticData: IDataObject = {};
		const ctx = viberContext({ registration: 'automatic', events: ['message', 'delivered', 'conversation_started'] }, staticData);
		expect(await methods.checkExists.call(ctx)).toBe(false);
		await methods.create.call(ctx);
		expect(platform.received('POST', '/pa/set_webhook')[0].json).toEqual({
			url: OUR_URL,
			event_types: ['delivered', 'conversation_started'],
			send_name: true,
			send_photo: true,
		});
		expect(state.webhook).toBe(OUR_URL);
		expect(await methods.checkExists.call(ctx)).toBe(true);
		await methods.delete.call(ctx);
		expect(platform.received('POST', '/pa/set_webhook')[1].json).toEqual({ url: '' });
		expect(staticData.chatflowRegistration).toBeUndefined();
	});

	it('does not overwrite a webhook that points elsewhere', async () => {
		fakeViber('https://other.example.com/viber');
		await expect(methods.create.call(viberContext({ registration: 'automatic' }))).rejects.toThrow(
			'This Viber bot already sends its webhooks to https://other.example.com/viber',
		);
		expect(platform.received('POST', '/pa/set_webhook')).toHaveLength(0);
	});

	it('does not remove a webhook someone else set after us', async () => {
		fakeViber('https://new-owner.example.com/viber');
		const ctx = viberContext({ registration: 'automatic' }, { chatflowRegistration: { viberWebhook: OUR_URL } });
		await methods.delete.call(ctx);
		expect(platform.received('POST', '/pa/set_webhook')).toHaveLength(0);
	});
});
