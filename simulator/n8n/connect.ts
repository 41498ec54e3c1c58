import { randomBytes } from 'node:crypto';

import type { N8nApi } from '../../scripts/n8n/api';
import { CHANNELS, type ChannelName } from '../config';
import { generateFlowsKeyPair } from '../flows/client';
import type { ChatSimulator } from '../chatSimulator';
import {
	FLOWS_ENDPOINT_NAME,
	MESSAGING_BOT_NAME,
	WHATSAPP_BOT_NAME,
	echoBotWorkflow,
	flowsEndpointWorkflow,
	messagingBotWorkflow,
	newExampleIds,
	newMessagingBotIds,
	type CredentialRef,
	type ExampleIds,
	type MessagingBotIds,
} from './exampleWorkflows';

/**
 * Puts a running n8n and a running simulator together: credentials in n8n whose Base URL is the
 * simulator (one per channel, plus the Meta app and the Flows endpoint with a fresh RSA key),
 * the example workflows (a bot on every channel), and the simulator pointed at their trigger URLs
 * with the same secrets. What `npm run dev` and the browser e2e do; the result can be saved and
 * re-applied after a restart (`reapply`) so nothing is created twice.
 */

export interface SimulatorLink {
	simulatorUrl: string;
	ids: ExampleIds;
	/** The Messenger, Instagram and Viber bot's triggers (absent in links saved before it existed). */
	messagingIds?: MessagingBotIds;
	/** Flows endpoint, WhatsApp bot, then the Messenger, Instagram and Viber bot. */
	workflowIds: string[];
	credentials: Record<string, CredentialRef>;
	appSecret: string;
	viberToken: string;
	publicKeyPem: string;
}

/** Which example workflow answers a channel, by name (what dev's summary and the docs say). */
export const BOT_OF_CHANNEL: Record<ChannelName, string> = {
	whatsapp: WHATSAPP_BOT_NAME,
	messenger: MESSAGING_BOT_NAME,
	instagram: MESSAGING_BOT_NAME,
	viber: MESSAGING_BOT_NAME,
};

export { FLOWS_ENDPOINT_NAME };

const API_VERSION = 'v26.0';

export async function linkSimulator(api: N8nApi, simulator: ChatSimulator): Promise<SimulatorLink> {
	const { business } = simulator.context.config;
	const appSecret = `sim-app-secret-${randomBytes(12).toString('hex')}`;
	const viberToken = `${randomBytes(8).toString('hex')}-${randomBytes(8).toString('hex')}-${randomBytes(8).toString('hex')}`;
	const token = `EAAsim${randomBytes(24).toString('hex')}`;
	const keys = generateFlowsKeyPair();
	const base = simulator.url;
	const create = async (typeName: string, name: string, data: Record<string, unknown>): Promise<CredentialRef> => {
		const created = await api.createCredential(typeName, name, data);
		return { id: created.id, name: created.name };
	};
	const credentials: Record<string, CredentialRef> = {
		metaApp: await create('chatflowMetaAppApi', 'Simulator Meta App', { appId: business.appId, appSecret, previousAppSecret: '', verifyToken: randomBytes(8).toString('hex'), apiVersion: API_VERSION, baseUrl: base }),
		whatsApp: await create('chatflowWhatsAppApi', 'Simulator WhatsApp', { accessToken: token, businessAccountId: business.wabaId, phoneNumberId: business.phoneNumberId, apiVersion: API_VERSION, baseUrl: base }),
		flows: await create('chatflowFlowsEndpointApi', 'Simulator Flows Endpoint', { privateKey: keys.privateKeyPem, passphrase: '', appSecret, previousAppSecret: '', tokenSecret: '' }),
		messenger: await create('chatflowMessengerApi', 'Simulator Messenger', { pageId: business.pageId, accessToken: token, apiVersion: API_VERSION, baseUrl: base }),
		instagram: await create('chatflowInstagramApi', 'Simulator Instagram', { route: 'instagramLogin', accountId: business.instagramId, accessToken: token, apiVersion: API_VERSION, baseUrl: base }),
		viber: await create('chatflowViberApi', 'Simulator Viber', { authToken: viberToken, senderName: business.viberBotName, senderAvatar: '', baseUrl: `${base}/pa` }),
	};
	const ids = newExampleIds();
	const workflowIds = [
		await api.createWorkflow(flowsEndpointWorkflow(ids, credentials.flows), { webhooks: [{ path: `${ids.flowsWebhookId}/flows` }] }),
		await api.createWorkflow(echoBotWorkflow(ids, { metaApp: credentials.metaApp, whatsApp: credentials.whatsApp }, business.phoneNumberId), {
			webhooks: [{ path: `${ids.messagesWebhookId}/webhook` }],
		}),
	];
	const link: SimulatorLink = { simulatorUrl: base, ids, workflowIds, credentials, appSecret, viberToken, publicKeyPem: keys.publicKeyPem };
	await addMessagingBot(api, link);
	reapply(api, simulator, link);
	return link;
}

/**
 * Creates the Messenger, Instagram and Viber bot for a link that has none yet (a new link, or one
 * saved by a version of dev that wired WhatsApp only); its credentials exist in every link.
 */
export async function addMessagingBot(api: N8nApi, link: SimulatorLink): Promise<void> {
	if (link.messagingIds) return;
	const ids = newMessagingBotIds();
	const { metaApp, messenger, instagram, viber } = link.credentials;
	const id = await api.createWorkflow(messagingBotWorkflow(ids, { metaApp, messenger, instagram, viber }), {
		webhooks: [ids.messenger, ids.instagram, ids.viber].map((webhookId) => ({ path: `${webhookId}/webhook` })),
	});
	link.messagingIds = ids;
	link.workflowIds.push(id);
}

/** Every trigger path (after /webhook/) of the linked workflows. */
export function linkedWebhookPaths(link: SimulatorLink): string[] {
	const messaging = link.messagingIds ? [link.messagingIds.messenger, link.messagingIds.instagram, link.messagingIds.viber] : [];
	return [`${link.ids.flowsWebhookId}/flows`, ...[link.ids.messagesWebhookId, ...messaging].map((webhookId) => `${webhookId}/webhook`)];
}

/** The production URL of the trigger that takes a channel's webhooks in the linked workflows. */
export function triggerUrl(api: N8nApi, link: SimulatorLink, channel: ChannelName): string | undefined {
	if (channel === 'whatsapp') return api.webhookUrl(link.ids.messagesWebhookId, 'webhook');
	const webhookId = link.messagingIds?.[channel];
	return webhookId ? api.webhookUrl(webhookId, 'webhook') : undefined;
}

/**
 * Points the simulator at the linked workflows' triggers (after a restart of either side). A
 * channel whose webhook URL is already set keeps it: the simulator's config file or the page's
 * ⚙ Webhooks may point it at a workflow of the user's own.
 */
export function reapply(api: N8nApi, simulator: ChatSimulator, link: SimulatorLink): void {
	const { config } = simulator.context;
	for (const channel of CHANNELS) {
		const url = triggerUrl(api, link, channel);
		if (!url || config.webhooks[channel].url) continue;
		config.webhooks[channel] = { url, secret: channel === 'viber' ? link.viberToken : link.appSecret };
	}
	config.flowsEndpoint = { url: api.webhookUrl(link.ids.flowsWebhookId, 'flows'), appSecret: link.appSecret, publicKeyPem: link.publicKeyPem };
	config.n8n = { url: api.baseUrl, apiKey: api.apiKey };
}
