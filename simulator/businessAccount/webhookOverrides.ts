import { randomUUID } from 'node:crypto';

import { graphError } from '../platform/defaults';
import type { FakePlatform } from '../platform/fakePlatform';
import type { RecordedRequest, ScriptedResponse } from '../platform/types';

/**
 * Where Meta sends a WhatsApp business's webhooks, as Meta decides it: a phone number's callback
 * override, else its WABA's override (set with `subscribed_apps`), else the app's callback URL.
 * Setting an override makes Meta verify the URL first, with the GET handshake (`hub.mode`,
 * `hub.verify_token`, `hub.challenge`), and refuse the override with error 2200 when the URL does
 * not echo the challenge. Overrides cover the fields in `OVERRIDABLE_FIELDS` only; every other
 * field (templates, account events, `user_preferences`) always goes to the app's callback URL.
 *
 * Endpoints, as Meta's webhook-overrides page describes them:
 *   POST /{phone-number-id}  { webhook_configuration: { override_callback_uri, verify_token } }
 *                            (an empty override_callback_uri removes it)
 *   GET  /{phone-number-id}?fields=webhook_configuration
 *                            → { webhook_configuration: { phone_number?, whatsapp_business_account?, application? }, id }
 *   POST /{waba-id}/subscribed_apps  [{ override_callback_uri, verify_token }]  (without: no override;
 *                            an override is refused with error 100 until the app is subscribed)
 *   GET  /{waba-id}/subscribed_apps  → { data: [{ whatsapp_business_api_data: { id, name }, override_callback_uri? }] }
 *   DELETE /{waba-id}/subscribed_apps
 */
export interface WebhookRouting {
	/** The URL Meta would POST a webhook of this phone number and field (default `messages`) to ('' when none). */
	targetFor(phoneNumberId: string, field?: string): string;
	/** The app's callback URL for WhatsApp (set through `/{app-id}/subscriptions` or by a test). */
	appCallback: string;
	/** Phone number id → override URL. */
	readonly numberOverrides: Map<string, string>;
	/** The WABA's subscription of the app, with its override URL ('' when none). */
	wabaSubscription: { overrideUrl: string } | undefined;
	/** Every verification GET made, with the answer it got. */
	readonly verifications: Array<{ url: string; status: number | 'network error'; ok: boolean }>;
}

/** The webhook fields that follow a callback override, as Meta's "Webhook overrides" page lists them. */
export const OVERRIDABLE_FIELDS: ReadonlySet<string> = new Set([
	'messages',
	'message_echoes',
	'calls',
	'consumer_profile',
	'messaging_handovers',
	'group_lifecycle_update',
	'group_participants_update',
	'group_settings_update',
	'group_status_update',
	'smb_message_echoes',
	'smb_app_state_sync',
	'history',
	'account_settings_update',
]);

export interface WebhookRoutingOptions {
	appId: string;
	wabaId: string;
	phoneNumberIds: string[];
	/** The app callback URL Meta starts with (the dashboard's setting). */
	appCallback?: string;
}

export function installWebhookOverrides(platform: FakePlatform, options: WebhookRoutingOptions): WebhookRouting {
	const routing: WebhookRouting = {
		appCallback: options.appCallback ?? '',
		numberOverrides: new Map(),
		wabaSubscription: undefined,
		verifications: [],
		targetFor(phoneNumberId, field = 'messages') {
			if (!OVERRIDABLE_FIELDS.has(field)) return this.appCallback;
			return this.numberOverrides.get(phoneNumberId) || this.wabaSubscription?.overrideUrl || this.appCallback;
		},
	};
	const verify = async (url: string, token: string): Promise<ScriptedResponse | undefined> => {
		const challenge = randomUUID();
		const target = `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': challenge })}`;
		let status: number | 'network error' = 'network error';
		let text = '';
		try {
			const response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
			status = response.status;
			text = await response.text();
		} catch {
			// Reported below as Meta reports an unreachable URL.
		}
		const ok = status === 200 && text.trim() === challenge;
		routing.verifications.push({ url, status, ok });
		if (ok) return undefined;
		return graphError(2200, `(#2200) Callback verification failed with the following errors: HTTP Status Code = ${status}; the URL did not answer with the challenge`);
	};

	for (const phoneNumberId of options.phoneNumberIds) {
		const path = new RegExp(`^/v[\\d.]+/${phoneNumberId}/?$`);
		platform.on('POST', path, async (request) => {
			const configuration = (bodyOf(request).webhook_configuration ?? {}) as Record<string, unknown>;
			const url = String(configuration.override_callback_uri ?? '');
			if (!url) {
				routing.numberOverrides.delete(phoneNumberId);
				return { json: { success: true } };
			}
			const refused = await verify(url, String(configuration.verify_token ?? ''));
			if (refused) return refused;
			routing.numberOverrides.set(phoneNumberId, url);
			return { json: { success: true } };
		});
		platform.on('GET', path, (request) => {
			if (!String(request.query.fields ?? '').includes('webhook_configuration')) return { json: { id: phoneNumberId } };
			const configuration: Record<string, string> = {};
			const number = routing.numberOverrides.get(phoneNumberId);
			if (number) configuration.phone_number = number;
			if (routing.wabaSubscription?.overrideUrl) configuration.whatsapp_business_account = routing.wabaSubscription.overrideUrl;
			if (routing.appCallback) configuration.application = routing.appCallback;
			return { json: { webhook_configuration: configuration, id: phoneNumberId } };
		});
	}

	const wabaPath = new RegExp(`^/v[\\d.]+/${options.wabaId}/subscribed_apps/?$`);
	platform.on('GET', wabaPath, () => {
		const subscription = routing.wabaSubscription;
		if (!subscription) return { json: { data: [] } };
		const app = { whatsapp_business_api_data: { id: options.appId, name: 'Chatflow Fake App' } };
		return { json: { data: [subscription.overrideUrl ? { ...app, override_callback_uri: subscription.overrideUrl } : app] } };
	});
	platform.on('POST', wabaPath, async (request) => {
		const body = bodyOf(request);
		const url = String(body.override_callback_uri ?? '');
		if (url && !routing.wabaSubscription) {
			return graphError(100, '(#100) Before override the current callback uri, your app must be subscribed to receive messages for WhatsApp Business Account');
		}
		if (url) {
			const refused = await verify(url, String(body.verify_token ?? ''));
			if (refused) return refused;
		}
		routing.wabaSubscription = { overrideUrl: url };
		return { json: { success: true } };
	});
	platform.on('DELETE', wabaPath, () => {
		routing.wabaSubscription = undefined;
		return { json: { success: true } };
	});
	return routing;
}

/** A JSON body, or form / query fields (Graph takes parameters either way). */
function bodyOf(request: RecordedRequest): Record<string, unknown> {
	if (request.json && typeof request.json === 'object') return { ...request.query, ...(request.json as Record<string, unknown>) };
	const type = String(request.headers['content-type'] ?? '');
	if (type.includes('x-www-form-urlencoded')) return { ...request.query, ...Object.fromEntries(new URLSearchParams(request.body.toString('utf8'))) };
	return { ...request.query };
}
