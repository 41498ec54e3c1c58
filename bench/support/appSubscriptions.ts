import { randomUUID } from 'node:crypto';

import { graphError, type FakePlatform, type RecordedRequest } from '../../simulator/platform';

/**
 * What n8n's built-in WhatsApp Trigger asks graph.facebook.com on activation and deactivation
 * (n8n-nodes-base/dist/nodes/WhatsApp/GenericFunctions.js, v19.0): an app access token from
 * `POST /oauth/access_token` (form: client_id, client_secret, grant_type=client_credentials), then
 * `GET|POST|DELETE /{app_id}/subscriptions` with it as a Bearer token. Served with state, like
 * Meta does: a POST adds the app's subscription for an object, the list shows it, DELETE removes it.
 * A wrong client id/secret or token is refused, so a mis-wired benchmark fails at activation.
 */
interface Subscription {
	object: string;
	callback_url: string;
	active: boolean;
	fields: Array<{ name: string; version: string }>;
}

export interface AppSubscriptions {
	/** Current subscriptions by object (`whatsapp_business_account`). */
	byObject: Map<string, Subscription>;
	/** Resolves with the object's subscription once there is one (activation is asynchronous). */
	waitFor(object: string, timeoutMs: number): Promise<Subscription>;
}

export function serveAppSubscriptions(platform: FakePlatform, app: { clientId: string; clientSecret: string }): AppSubscriptions {
	const token = `${app.clientId}|bench-${randomUUID()}`;
	const byObject = new Map<string, Subscription>();
	const state: AppSubscriptions = {
		byObject,
		async waitFor(object, timeoutMs) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = byObject.get(object);
				if (found) return found;
				if (Date.now() > deadline) throw new Error(`no app subscription for ${object} within ${timeoutMs} ms`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
	};
	// The token request is sent as a form, the subscription calls as JSON (`json: true`): read either.
	const form = (request: RecordedRequest): Map<string, string> => {
		if (request.json && typeof request.json === 'object') {
			return new Map(Object.entries(request.json as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
		}
		return new Map(new URLSearchParams(request.body.toString('utf8')));
	};
	const authorised = (request: RecordedRequest) => request.headers.authorization === `Bearer ${token}`;
	const refused = () => graphError(190, 'Invalid OAuth access token - Cannot parse access token', 401);

	platform.on('POST', '/:version/oauth/access_token', (request) => {
		const fields = form(request);
		if (fields.get('client_id') !== app.clientId || fields.get('client_secret') !== app.clientSecret) {
			return graphError(1, 'Error validating client secret.', 400);
		}
		return { json: { access_token: token, token_type: 'bearer' } };
	});
	platform.on('GET', `/:version/${app.clientId}/subscriptions`, (request) =>
		authorised(request) ? { json: { data: [...byObject.values()] } } : refused(),
	);
	platform.on('POST', `/:version/${app.clientId}/subscriptions`, (request) => {
		if (!authorised(request)) return refused();
		const fields = form(request);
		const object = fields.get('object') ?? '';
		const callbackUrl = fields.get('callback_url') ?? '';
		if (!object || !callbackUrl) return graphError(100, '(#100) object and callback_url are required');
		const names = JSON.parse(fields.get('fields') ?? '[]') as string[];
		byObject.set(object, { object, callback_url: callbackUrl, active: true, fields: names.map((name) => ({ name, version: 'v19.0' })) });
		return { json: { success: true } };
	});
	platform.on('DELETE', `/:version/${app.clientId}/subscriptions`, (request) => {
		if (!authorised(request)) return refused();
		const object = form(request).get('object');
		if (object) byObject.delete(object);
		else byObject.clear();
		return { json: { success: true } };
	});
	return state;
}
