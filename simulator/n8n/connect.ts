import { randomBytes } from 'node:crypto';

import type { N8nApi } from '../../scripts/n8n/api';
import { generateFlowsKeyPair } from '../flows/client';
import type { ChatSimulator } from '../chatSimulator';
import { echoBotWorkflow, flowsEndpointWorkflow, newExampleIds, type CredentialRef, type ExampleIds } from './exampleWorkflows';

/**
 * Puts a running n8n and a running simulator together: credentials in n8n whose Base URL is the
 * simulator (one per channel, plus the Meta app and the Flows endpoint with a fresh RSA key),
 * the example workflows, and the simulator pointed at their trigger URLs with the same secrets.
 * What `npm run dev` and the browser e2e do; the result can be saved and re-applied after a
 * restart (`reapply`) so nothing is created twice.
 */

export interface SimulatorLink {
	simulatorUrl: string;
	ids: ExampleIds;
	workflowIds: string[];
	credentials: Record<string, CredentialRef>;
	appSecret: string;
	viberToken: string;
	publicKeyPem: string;
}

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
	reapply(api, simulator, link);
	return link;
}

/** Points the simulator at the linked workflows' triggers (after a restart of either side). */
export function reapply(api: N8nApi, simulator: ChatSimulator, link: SimulatorLink): void {
	const { config } = simulator.context;
	config.webhooks.whatsapp = { url: api.webhookUrl(link.ids.messagesWebhookId, 'webhook'), secret: link.appSecret };
	for (const channel of ['messenger', 'instagram'] as const) if (!config.webhooks[channel].secret) config.webhooks[channel].secret = link.appSecret;
	if (!config.webhooks.viber.secret) config.webhooks.viber.secret = link.viberToken;
	config.flowsEndpoint = { url: api.webhookUrl(link.ids.flowsWebhookId, 'flows'), appSecret: link.appSecret, publicKeyPem: link.publicKeyPem };
	config.n8n = { url: api.baseUrl, apiKey: api.apiKey };
}
