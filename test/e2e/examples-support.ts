/**
 * What the example suites (test/e2e/examples-*.e2e.test.ts) share: read an example's workflow
 * JSON from examples/<name>/ exactly as a user imports it, point its credential references at
 * credentials created in the test n8n (every base URL at the FakePlatform), give its webhooks
 * fresh ids, create and activate it, and sign inbound requests like Meta and Viber do.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { decryptFlowResponse, encryptFlowRequest, generateFlowsKeyPair } from '../../simulator/flows/client';
import { FakePlatform } from '../../simulator/platform';
import { signatureHeaders } from '../support/webhookFixtures';
import type { E2eContext, WorkflowJson } from './support/n8n';

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

/** The placeholder id every credential reference in an example carries. */
export const PLACEHOLDER_CREDENTIAL_ID = 'REPLACE_ME';

export const APP_SECRET = `e2e-examples-app-secret-${randomUUID()}`;
export const VERIFY_TOKEN = `e2e-examples-verify-${randomUUID()}`;
export const VIBER_TOKEN = `${randomUUID().replace(/-/g, '').slice(0, 16)}-e2e-examples-viber`;
export const WHATSAPP_TOKEN = `EAAG-e2e-examples-${randomUUID()}`;
export const MESSENGER_TOKEN = `EAAG-e2e-page-${randomUUID()}`;
export const INSTAGRAM_TOKEN = `IGAA-e2e-${randomUUID()}`;
export const WABA_ID = '102290129340398';
export const PHONE_NUMBER_ID = '106540352242922';
export const PAGE_ID = '107714394487210';
export const INSTAGRAM_ACCOUNT_ID = '17841405822304914';

export type CredentialRef = { id: string; name: string };
export type Credentials = Record<string, CredentialRef>;

export function readExample(name: string, file = 'workflow.json'): WorkflowJson {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, name, file), 'utf8')) as WorkflowJson;
}

/**
 * The channel credentials of every example, created in n8n with the FakePlatform (or the chat
 * simulator, which serves the same API) as base URL.
 * Names are the ones the examples reference, so the editor would match them too.
 */
export async function createChannelCredentials(n8n: E2eContext, platform: Pick<FakePlatform, 'url'>): Promise<Credentials> {
	const create = async (type: string, name: string, data: Record<string, unknown>) => {
		const created = await n8n.api.createCredential(type, `${name} ${randomUUID().slice(0, 8)}`, data);
		return { id: created.id, name: created.name };
	};
	return {
		chatflowMetaAppApi: await create('chatflowMetaAppApi', 'Meta App (webhooks)', {
			appId: '1234567890',
			appSecret: APP_SECRET,
			previousAppSecret: '',
			verifyToken: VERIFY_TOKEN,
			apiVersion: 'v26.0',
			baseUrl: platform.url,
		}),
		chatflowWhatsAppApi: await create('chatflowWhatsAppApi', 'WhatsApp Cloud API', {
			accessToken: WHATSAPP_TOKEN,
			businessAccountId: WABA_ID,
			phoneNumberId: PHONE_NUMBER_ID,
			apiVersion: 'v26.0',
			baseUrl: platform.url,
		}),
		chatflowMessengerApi: await create('chatflowMessengerApi', 'Messenger page', {
			pageId: PAGE_ID,
			accessToken: MESSENGER_TOKEN,
			apiVersion: 'v26.0',
			baseUrl: platform.url,
		}),
		chatflowInstagramApi: await create('chatflowInstagramApi', 'Instagram account', {
			route: 'instagramLogin',
			accountId: INSTAGRAM_ACCOUNT_ID,
			accessToken: INSTAGRAM_TOKEN,
			apiVersion: 'v26.0',
			baseUrl: platform.url,
		}),
		chatflowViberApi: await create('chatflowViberApi', 'Viber bot', {
			authToken: VIBER_TOKEN,
			senderName: 'Example Bot',
			senderAvatar: '',
			baseUrl: `${platform.url}/pa`,
		}),
	};
}

export interface PreparedExample {
	workflow: WorkflowJson;
	/** Fresh webhook id of each node that has one, by node name. */
	webhookIds: Record<string, string>;
	/** What createWorkflow waits for: /webhook/<path> and method of every trigger. */
	webhooks: Array<{ path: string; method: string }>;
}

/**
 * The example as n8n would store it after import and re-selecting credentials: every credential
 * reference points at the test credential of its type (a reference to a type the test did not
 * create fails here, naming it), and webhook ids are fresh, so a suite can import an example
 * twice. Webhook nodes (n8n-nodes-base.webhook) keep their path, as a user's would.
 */
export function prepareExample(source: WorkflowJson, credentials: Credentials): PreparedExample {
	const workflow = JSON.parse(JSON.stringify(source)) as WorkflowJson;
	const webhookIds: Record<string, string> = {};
	const webhooks: Array<{ path: string; method: string }> = [];
	for (const node of workflow.nodes) {
		const name = String(node.name);
		const refs = (node.credentials ?? {}) as Record<string, CredentialRef>;
		for (const [type, ref] of Object.entries(refs)) {
			if (ref.id !== PLACEHOLDER_CREDENTIAL_ID) throw new Error(`example node "${name}": credential ${type} must carry the placeholder id "${PLACEHOLDER_CREDENTIAL_ID}", has "${ref.id}"`);
			const created = credentials[type];
			if (!created) throw new Error(`example node "${name}" uses a ${type} credential the suite did not create`);
			refs[type] = created;
		}
		if (typeof node.webhookId !== 'string') continue;
		const webhookId = randomUUID();
		node.webhookId = webhookId;
		webhookIds[name] = webhookId;
		webhooks.push(...webhooksOf(String(node.type), webhookId, node.parameters as Record<string, unknown>));
	}
	return { workflow, webhookIds, webhooks };
}

function webhooksOf(type: string, webhookId: string, parameters: Record<string, unknown>): Array<{ path: string; method: string }> {
	const name = type.split('.').pop() ?? '';
	if (name === 'webhook') return [{ path: String(parameters.path), method: String(parameters.httpMethod ?? 'GET') }];
	if (name === 'chatflowViberTrigger') return [{ path: `${webhookId}/webhook`, method: 'POST' }];
	if (name === 'chatflowFlowsEndpointTrigger') return [{ path: `${webhookId}/flows`, method: 'POST' }];
	if (name.endsWith('Trigger') && name.startsWith('chatflow')) {
		return [
			{ path: `${webhookId}/webhook`, method: 'POST' },
			{ path: `${webhookId}/webhook`, method: 'GET' },
		];
	}
	return []; // e.g. the Conversation node's waiting webhook, registered per execution
}

/** Imports (creates) and activates the prepared example; resolves once its webhooks are served. */
export async function importAndActivate(n8n: E2eContext, example: PreparedExample): Promise<string> {
	return await n8n.api.createWorkflow(example.workflow, { webhooks: example.webhooks });
}

type SignedChannel = 'whatsapp' | 'messenger' | 'instagram' | 'viber';

/** POSTs `body` signed as the platform signs it (X-Hub-Signature-256 / X-Viber-Content-Signature). */
export async function postSigned(
	url: string,
	channel: SignedChannel,
	body: unknown,
	secret = channel === 'viber' ? VIBER_TOKEN : APP_SECRET,
): Promise<{ status: number; text: string }> {
	const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...signatureHeaders(channel, bytes, secret) },
		body: bytes,
	});
	return { status: response.status, text: await response.text() };
}

/** Meta's wrapper around one WhatsApp `value` (messages or statuses) for the phone number. */
export function whatsAppDelivery(value: Record<string, unknown>): Record<string, unknown> {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: WABA_ID,
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
							...value,
						},
					},
				],
			},
		],
	};
}

let sequence = 0;

/** An inbound WhatsApp message from `from`, with a unique wamid. */
/**
 * A signed-ready messages webhook from `from`. With `identity`, the person as Meta names them
 * since 2026: `user_id` / `from_user_id` always, the phone number only when given (a person with
 * a username may share none), the username in the profile.
 */
export function whatsAppMessage(
	from: string,
	message: Record<string, unknown>,
	name = 'Ada Lovelace',
	identity?: { bsuid: string; username?: string },
): Record<string, unknown> {
	sequence += 1;
	const id = `wamid.E2E${Date.now()}${sequence}`;
	const timestamp = String(Math.floor(Date.now() / 1000));
	if (!identity) {
		return whatsAppDelivery({ contacts: [{ profile: { name }, wa_id: from }], messages: [{ from, id, timestamp, ...message }] });
	}
	const phone = from ? { wa_id: from } : {};
	const profile = { name, ...(identity.username ? { username: identity.username } : {}) };
	return whatsAppDelivery({
		contacts: [{ profile, ...phone, user_id: identity.bsuid }],
		messages: [{ ...(from ? { from } : {}), from_user_id: identity.bsuid, id, timestamp, ...message }],
	});
}

/** Waits until nothing new arrives at the platform for `quietMs` (to prove "nothing more was sent"). */
export async function settle(platform: FakePlatform, quietMs = 700): Promise<void> {
	let seen = -1;
	while (seen !== platform.requests.length) {
		seen = platform.requests.length;
		await new Promise((resolve) => setTimeout(resolve, quietMs));
	}
}

/** The messages webhook WhatsApp sends when a Flow closes: an nfm_reply answering `replyTo`. */
export function whatsAppFlowAnswer(from: string, responseJson: Record<string, unknown>, replyTo = 'wamid.FLOW-MESSAGE'): Record<string, unknown> {
	return whatsAppMessage(from, {
		type: 'interactive',
		context: { from: '15550783881', id: replyTo },
		interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: JSON.stringify(responseJson) } },
	});
}

export interface FlowsEndpointKit {
	credential: CredentialRef;
	/** The credential's Flow Token Secret, to check the tokens a workflow sends. */
	tokenSecret: string;
	/** What the WhatsApp client does: encrypt with the public key, sign with the app secret, POST, decrypt the answer. */
	call(url: string, payload: Record<string, unknown>): Promise<{ status: number; text: string; answer: unknown }>;
}

/** A Flows Endpoint credential with a fresh key pair (encrypted private key) and the client that talks to it. */
export async function createFlowsEndpointCredential(n8n: E2eContext): Promise<FlowsEndpointKit> {
	const passphrase = `passphrase-${randomUUID()}`;
	const tokenSecret = `token-secret-${randomUUID()}`;
	const keys = generateFlowsKeyPair(passphrase);
	const created = await n8n.api.createCredential('chatflowFlowsEndpointApi', `WhatsApp Flows endpoint ${randomUUID().slice(0, 8)}`, {
		privateKey: keys.privateKeyPem,
		passphrase,
		appSecret: APP_SECRET,
		previousAppSecret: '',
		tokenSecret,
	});
	return {
		credential: { id: created.id, name: created.name },
		tokenSecret,
		async call(url, payload) {
			const request = encryptFlowRequest(keys.publicKey, { version: '3.0', ...payload }, APP_SECRET);
			const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
			const text = await response.text();
			return { status: response.status, text, answer: response.status === 200 ? decryptFlowResponse(request, text) : undefined };
		},
	};
}

/** A Data Table with string columns, as an example's README asks the user to create; returns its id. */
export async function createDataTable(n8n: E2eContext, name: string, columns: string[]): Promise<string> {
	const table = await n8n.api.request<{ id: string }>('POST', '/data-tables', { name, columns: columns.map((column) => ({ name: column, type: 'string' })) });
	return table.id;
}
