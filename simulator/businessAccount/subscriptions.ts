import type { ChannelName } from '../config';
import type { SimulatorContext } from '../context';
import type { RecordedRequest } from '../platform/types';
import { channelOfObject } from '../webhooks/payloads';

/**
 * Webhook registration as the platforms take it, so a trigger set to "Automatic" registration
 * points the simulator at itself: Meta's `POST /{app_id}/subscriptions` (object, callback_url;
 * the app token `app_id|app_secret` tells the secret that signs deliveries), `subscribed_apps`
 * of a WABA or page; Viber's `set_webhook` (answered by the fake platform, read here).
 */
export function installSubscriptions(ctx: SimulatorContext): void {
	const subscriptions = new Map<string, Record<string, unknown>>();
	const appPath = `/:version/${ctx.config.business.appId}/subscriptions`;
	ctx.platform.on('POST', appPath, (request) => {
		const fields = formOrJson(request);
		const object = String(fields.object ?? '');
		const channel = channelOfObject(object);
		if (!channel) return { status: 400, json: { error: { message: '(#100) Param object must be one of {page, instagram, whatsapp_business_account}', code: 100, type: 'OAuthException' } } };
		const callbackUrl = String(fields.callback_url ?? '');
		subscriptions.set(object, { object, callback_url: callbackUrl, active: true, fields: String(fields.fields ?? 'messages').split(',').map((name) => ({ name, version: 'v26.0' })) });
		setTarget(ctx, channel, callbackUrl, appSecretOf(request));
		return { json: { success: true } };
	});
	ctx.platform.on('GET', appPath, () => ({ json: { data: [...subscriptions.values()] } }));
	ctx.platform.on('DELETE', appPath, (request) => {
		const object = request.query.object;
		if (object) subscriptions.delete(object);
		else subscriptions.clear();
		return { json: { success: true } };
	});
	const subscribedApps: Array<Record<string, unknown>> = [];
	ctx.platform.on('GET', '/:version/:accountId/subscribed_apps', () => ({ json: { data: subscribedApps } }));
	ctx.platform.on('POST', '/:version/:accountId/subscribed_apps', () => {
		if (subscribedApps.length === 0) subscribedApps.push({ whatsapp_business_api_data: { id: ctx.config.business.appId, name: 'Chatflow Simulator' } });
		return { json: { success: true } };
	});
	ctx.platform.on('DELETE', '/:version/:accountId/subscribed_apps', () => {
		subscribedApps.length = 0;
		return { json: { success: true } };
	});
}

/** Viber's set_webhook is answered by the fake platform's channel routes; the simulator learns the URL from it. */
export function learnViberWebhook(ctx: SimulatorContext, request: RecordedRequest, answer: unknown): void {
	if (!/\/set_webhook$/.test(request.path) || (answer as { status?: number } | undefined)?.status !== 0) return;
	const url = String((request.json as { url?: string } | undefined)?.url ?? '');
	setTarget(ctx, 'viber', url, String(request.headers['x-viber-auth-token'] ?? ''));
}

function setTarget(ctx: SimulatorContext, channel: ChannelName, url: string, secret: string): void {
	const target = ctx.config.webhooks[channel];
	target.url = url;
	if (secret) target.secret = secret;
	ctx.journal.log({ kind: 'note', channel, method: 'REGISTER', target: url || '(removed)', status: 'ok', summary: `${channel} webhook ${url ? 'registered' : 'removed'}` });
}

function appSecretOf(request: RecordedRequest): string {
	const token = request.query.access_token ?? '';
	return token.includes('|') ? token.slice(token.indexOf('|') + 1) : '';
}

function formOrJson(request: RecordedRequest): Record<string, unknown> {
	if (request.json && typeof request.json === 'object') return { ...request.query, ...(request.json as Record<string, unknown>) };
	const type = String(request.headers['content-type'] ?? '');
	if (type.includes('x-www-form-urlencoded')) return { ...request.query, ...Object.fromEntries(new URLSearchParams(request.body.toString('utf8'))) };
	return { ...request.query };
}
