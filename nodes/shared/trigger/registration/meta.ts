import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { GraphClient, type GraphContext, type GraphCredentialType } from '../../graph';
import { META_OBJECT } from '../../ingestion/pipeline';
import { isAutomatic, loadState, saveState, type RegistrationState } from './state';

type MetaChannel = keyof typeof META_OBJECT;

/** The credential that owns the business account, and the path of its app subscription. */
const ACCOUNT: Record<MetaChannel, { credential: GraphCredentialType; idField: string }> = {
	whatsapp: { credential: 'chatflowWhatsAppApi', idField: 'businessAccountId' },
	messenger: { credential: 'chatflowMessengerApi', idField: 'pageId' },
	instagram: { credential: 'chatflowInstagramApi', idField: 'accountId' },
};

/** Webhook fields to subscribe, by the trigger's selected events. */
const FIELDS: Record<MetaChannel, Record<string, string[]>> = {
	whatsapp: {
		message: ['messages'],
		status: ['messages'],
		error: ['messages'],
		unknown: ['messages'],
		templateStatus: ['message_template_status_update', 'message_template_quality_update', 'template_category_update'],
		flow: ['flows'],
		accountEvent: ['account_update'],
		edit: ['messages'],
		revoke: ['messages'],
		echo: ['smb_message_echoes'],
		preference: ['user_preferences'],
		// Identity changes come as system messages; `user_id_update` is no field an app can subscribe.
		identityChange: ['messages'],
		call: ['calls'],
	},
	messenger: {
		message: ['messages'],
		echo: ['message_echoes'],
		postback: ['messaging_postbacks'],
		reaction: ['message_reactions'],
		read: ['message_reads'],
		delivery: ['message_deliveries'],
		referral: ['messaging_referrals'],
		unknown: ['messages'],
	},
	instagram: {
		message: ['messages'],
		echo: ['messages'],
		postback: ['messaging_postbacks'],
		reaction: ['message_reactions'],
		read: ['messaging_seen'],
		referral: ['messaging_referral'],
		unknown: ['messages'],
	},
};

export function subscriptionFields(channel: MetaChannel, events: string[]): string[] {
	const fields = new Set(events.flatMap((event) => FIELDS[channel][event] ?? []));
	if (fields.size === 0) fields.add('messages');
	return [...fields].sort();
}

interface AppSubscription {
	object?: string;
	callback_url?: string;
	active?: boolean;
	fields?: Array<{ name?: string } | string>;
}

/**
 * checkExists: manual registration never touches Meta (nothing to create). Automatic: true when
 * the app already sends this object to this URL with every needed field and this node's account
 * subscription is recorded; fails when another URL owns the app's subscription.
 */
export async function metaCheckExists(this: IHookFunctions, channel: MetaChannel): Promise<boolean> {
	if (!isAutomatic(this)) return true;
	const { app, appId } = await appClient(this);
	const current = await currentSubscription(app, appId, META_OBJECT[channel]);
	const url = this.getNodeWebhookUrl('default') ?? '';
	assertNotOwnedByOther(this, current, url, appId);
	const wanted = subscriptionFields(channel, this.getNodeParameter('events', []) as string[]);
	const have = new Set((current?.fields ?? []).map((field) => (typeof field === 'string' ? field : (field.name ?? ''))));
	const state = loadState(this);
	return !!current?.active && current.callback_url === url && wanted.every((field) => have.has(field)) && !!state.accountSubscription;
}

/** create: subscribe the app to this URL, then the business account to the app. */
export async function metaCreate(this: IHookFunctions, channel: MetaChannel): Promise<boolean> {
	const { app, appId, verifyToken } = await appClient(this);
	const object = META_OBJECT[channel];
	const url = this.getNodeWebhookUrl('default') ?? '';
	const current = await currentSubscription(app, appId, object);
	assertNotOwnedByOther(this, current, url, appId);
	const fields = subscriptionFields(channel, this.getNodeParameter('events', []) as string[]);
	const state: RegistrationState = loadState(this);
	// Meta calls the GET webhook with verify_token before it answers this request.
	await app.request({
		method: 'POST',
		path: `/${appId}/subscriptions`,
		body: { object, callback_url: url, verify_token: verifyToken, fields: fields.join(','), include_values: true },
	});
	state.appSubscription = { object, callbackUrl: url };
	saveState(this, state);
	await subscribeAccount(this, channel, fields, state);
	saveState(this, state);
	return true;
}

/** delete: remove only what create recorded, and the app subscription only while it is still ours. */
export async function metaDelete(this: IHookFunctions): Promise<boolean> {
	const state = loadState(this);
	if (state.accountSubscription) {
		const account = await GraphClient.create(graphContext(this), state.accountSubscription.credential as GraphCredentialType);
		await account.request({ method: 'DELETE', path: state.accountSubscription.path });
		delete state.accountSubscription;
		saveState(this, state);
	}
	if (state.appSubscription) {
		const { app, appId } = await appClient(this);
		const current = await currentSubscription(app, appId, state.appSubscription.object);
		if (current?.callback_url === state.appSubscription.callbackUrl) {
			await app.request({ method: 'DELETE', path: `/${appId}/subscriptions`, qs: { object: state.appSubscription.object } });
		}
		delete state.appSubscription;
		saveState(this, state);
	}
	return true;
}

async function subscribeAccount(ctx: IHookFunctions, channel: MetaChannel, fields: string[], state: RegistrationState): Promise<void> {
	const { credential, idField } = ACCOUNT[channel];
	if (!ctx.getNode().credentials?.[credential]) return;
	const account = await GraphClient.create(graphContext(ctx), credential);
	const accountId = account.field(idField);
	if (!accountId) throw new NodeOperationError(ctx.getNode(), `The ${credential} credential has no ${idField}`);
	const path = `/${encodeURIComponent(accountId)}/subscribed_apps`;
	const { appId } = await appClient(ctx);
	const existing = await account.request<{ data?: IDataObject[] }>({ method: 'GET', path });
	const ours = (existing.data ?? []).find((app) => appIdOf(app) === appId);
	const override = String(ours?.override_callback_uri ?? '');
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	if (override && override !== url) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${accountId} overrides the callback URL for app ${appId} with ${override}; this trigger will not replace it`,
			{ description: 'Remove the override (or use that URL\'s workflow), or choose Registration "Manual".' },
		);
	}
	if (ours) {
		// Subscribed before this node: add missing page fields (never drop any), record nothing.
		if (channel === 'whatsapp') return;
		const had = Array.isArray(ours.subscribed_fields) ? ours.subscribed_fields.map(String) : [];
		const union = [...new Set([...had, ...fields])];
		if (union.length > had.length) await account.request({ method: 'POST', path, qs: { subscribed_fields: union.join(',') } });
		return;
	}
	const qs = channel === 'whatsapp' ? undefined : { subscribed_fields: fields.join(',') };
	await account.request({ method: 'POST', path, qs });
	state.accountSubscription = { credential, path };
}

function appIdOf(app: IDataObject): string {
	const data = (app.whatsapp_business_api_data as IDataObject | undefined) ?? app;
	return String(data.id ?? '');
}

async function appClient(ctx: IHookFunctions): Promise<{ app: GraphClient; appId: string; verifyToken: string }> {
	const credentials = await ctx.getCredentials('chatflowMetaAppApi');
	const app = await GraphClient.create(graphContext(ctx), 'chatflowMetaAppApi');
	return { app, appId: app.field('appId'), verifyToken: String(credentials.verifyToken ?? '') };
}

async function currentSubscription(app: GraphClient, appId: string, object: string): Promise<AppSubscription | undefined> {
	const list = await app.request<{ data?: AppSubscription[] }>({ method: 'GET', path: `/${appId}/subscriptions` });
	return (list.data ?? []).find((subscription) => subscription.object === object);
}

function assertNotOwnedByOther(ctx: IHookFunctions, current: AppSubscription | undefined, url: string, appId: string): void {
	if (!current?.callback_url || current.callback_url === url || current.active === false) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Meta app ${appId} already sends ${current.object} webhooks to ${current.callback_url}; this trigger will not overwrite it`,
		{
			description:
				'Meta allows one callback URL per app and object. Use Registration "Manual" and route events from the workflow that owns that URL, remove that subscription in the app dashboard, or use a per-WABA / per-number callback override (see docs/nodes/triggers.md).',
		},
	);
}

function graphContext(ctx: IHookFunctions): GraphContext {
	return ctx as unknown as GraphContext;
}
