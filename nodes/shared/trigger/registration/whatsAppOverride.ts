/**
 * Registration by callback override: several workflows on one Meta app, each receiving the
 * WhatsApp events of its own phone number or WhatsApp Business Account, with nothing set by hand.
 *
 * Meta sends a business's messages-like webhooks to the phone number's override URL, else to its
 * WABA's, else to the app's callback URL. Activation sets the override of the chosen number or
 * WABA to this trigger's production URL (Meta verifies it with the GET handshake, which the
 * trigger answers with the Meta App credential's verify token); deactivation removes only an
 * override this trigger set and that still points at it. The app's own subscription, which
 * another workflow may own, is never touched. Template and account fields are not covered by
 * overrides: Meta sends them to the app's URL.
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { GraphClient, segment, type GraphContext } from '../../graph';
import { loadState, saveState, type OverrideLevel } from './state';

/** Meta's limit on `override_callback_uri`. */
const MAX_OVERRIDE_URL = 200;

/** Registration values that mean "by callback override", and the level each one sets. */
export const OVERRIDE_MODES: Record<string, OverrideLevel> = {
	phoneNumberOverride: 'phoneNumber',
	businessAccountOverride: 'businessAccount',
};

export function overrideLevel(ctx: IHookFunctions): OverrideLevel | undefined {
	return OVERRIDE_MODES[String(ctx.getNodeParameter('registration', 'manual'))];
}

interface Target {
	client: GraphClient;
	level: OverrideLevel;
	/** The phone number id or WABA id whose override is set. */
	id: string;
	wabaId: string;
	appId: string;
	/** For messages: "phone number 1065…" / "WhatsApp Business Account 1022…". */
	label: string;
}

export async function overrideCheckExists(ctx: IHookFunctions, level: OverrideLevel): Promise<boolean> {
	const target = await targetOf(ctx, level);
	const state = loadState(ctx).override;
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	return state?.level === level && state.id === target.id && state.callbackUrl === url && (await currentOverride(target)) === url;
}

export async function overrideCreate(ctx: IHookFunctions, level: OverrideLevel): Promise<boolean> {
	const target = await targetOf(ctx, level);
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	const state = loadState(ctx);
	const current = await currentOverride(target);
	const ours = state.override?.id === target.id ? state.override.callbackUrl : undefined;
	if (current && current !== url && current !== ours) {
		throw new NodeOperationError(ctx.getNode(), `The ${target.label} already sends its webhooks to ${current}; this trigger will not replace that override`, {
			description: 'Another workflow or system set it. Deactivate that workflow (it removes its own override), remove the override at Meta, or choose another Registration.',
		});
	}
	if (url.length > MAX_OVERRIDE_URL) {
		throw new NodeOperationError(ctx.getNode(), `This trigger's Production URL has ${url.length} characters; Meta takes override URLs of at most ${MAX_OVERRIDE_URL}`, {
			description: 'Shorten n8n\'s WEBHOOK_URL (or its path), or choose Registration "Automatic" or "Manual".',
		});
	}
	// Meta refuses an override (error 100) until the WABA sends webhooks to the app at all.
	await subscribeAccount(target);
	const credentials = await ctx.getCredentials('chatflowMetaAppApi');
	const verifyToken = String(credentials.verifyToken ?? '');
	if (!verifyToken) {
		throw new NodeOperationError(ctx.getNode(), 'The Meta App credential has no Verify Token: Meta verifies an override URL with it');
	}
	// Meta calls this trigger's GET webhook with the verify token before it answers.
	await setOverride(target, url, verifyToken);
	state.override = { level, id: target.id, callbackUrl: url };
	saveState(ctx, state);
	return true;
}

export async function overrideDelete(ctx: IHookFunctions): Promise<void> {
	const state = loadState(ctx);
	const recorded = state.override;
	if (!recorded) return;
	const target = await targetOf(ctx, recorded.level, recorded.id);
	if ((await currentOverride(target)) === recorded.callbackUrl) await setOverride(target, '', '');
	delete state.override;
	saveState(ctx, state);
}

async function targetOf(ctx: IHookFunctions, level: OverrideLevel, recordedId?: string): Promise<Target> {
	if (!ctx.getNode().credentials?.chatflowWhatsAppApi) {
		throw new NodeOperationError(ctx.getNode(), 'Registration by override needs a WhatsApp Cloud API credential on this trigger', {
			description: 'The credential names the phone number and WhatsApp Business Account whose callback override activation sets.',
		});
	}
	const client = await GraphClient.create(ctx as unknown as GraphContext, 'chatflowWhatsAppApi');
	const app = await GraphClient.create(ctx as unknown as GraphContext, 'chatflowMetaAppApi');
	const wabaId = client.field('businessAccountId');
	const chosenNumber = String(ctx.getNodeParameter('overridePhoneNumberId', '') ?? '').trim();
	const id = recordedId ?? (level === 'phoneNumber' ? chosenNumber || client.field('phoneNumberId') : wabaId);
	if (!id) {
		throw new NodeOperationError(
			ctx.getNode(),
			level === 'phoneNumber'
				? 'Phone Number ID: required (or set a Default Phone Number ID in the WhatsApp Cloud API credential)'
				: 'The WhatsApp Cloud API credential has no WhatsApp Business Account ID',
		);
	}
	const label = level === 'phoneNumber' ? `phone number ${id}` : `WhatsApp Business Account ${id}`;
	return { client, level, id, wabaId, appId: app.field('appId'), label };
}

/** The override URL now set at the target's level ('' when none). */
async function currentOverride(target: Target): Promise<string> {
	if (target.level === 'phoneNumber') {
		const answer = await target.client.request<{ webhook_configuration?: IDataObject }>({
			method: 'GET',
			path: `/${segment(target.id)}`,
			qs: { fields: 'webhook_configuration' },
		});
		return String(answer.webhook_configuration?.phone_number ?? '');
	}
	return String((await appSubscription(target))?.override_callback_uri ?? '');
}

async function setOverride(target: Target, url: string, verifyToken: string): Promise<void> {
	if (target.level === 'phoneNumber') {
		const configuration = url ? { override_callback_uri: url, verify_token: verifyToken } : { override_callback_uri: '' };
		await target.client.request({ method: 'POST', path: `/${segment(target.id)}`, body: { webhook_configuration: configuration }, idempotent: true });
		return;
	}
	// Subscribing the app again without an override sends the WABA's webhooks back to the app URL.
	const body = url ? { override_callback_uri: url, verify_token: verifyToken } : undefined;
	await target.client.request({ method: 'POST', path: `/${segment(target.id)}/subscribed_apps`, body, idempotent: true });
}

/** Subscribes the WABA to the app (without an override) when it is not; never undone. */
async function subscribeAccount(target: Target): Promise<void> {
	if (await appSubscription(target)) return;
	await target.client.request({ method: 'POST', path: `/${segment(target.wabaId)}/subscribed_apps`, idempotent: true });
}

async function appSubscription(target: Target): Promise<IDataObject | undefined> {
	const answer = await target.client.request<{ data?: IDataObject[] }>({ method: 'GET', path: `/${segment(target.wabaId)}/subscribed_apps` });
	return (answer.data ?? []).find((app) => String((app.whatsapp_business_api_data as IDataObject | undefined)?.id ?? app.id ?? '') === target.appId);
}
