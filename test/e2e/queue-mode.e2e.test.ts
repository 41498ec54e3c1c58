/**
 * Queue mode: main + one webhook processor + one worker, PostgreSQL and Redis on loopback, this
 * package loaded by all three. (The suite starts its own cluster; the single n8n of the global
 * set-up is not used here.) n8n's queue uses the machine's Redis; the State Store credential
 * points at a TLS-only Redis started here, as a managed Redis would be (a test CA, client
 * certificates, an ACL user limited to the store's keys). Runs the booking conversation with that
 * state store, then the WhatsApp Flows endpoint with its respond node, whose answer travels
 * worker → Redis → webhook processor.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startQueueCluster, type QueueCluster } from '../../scripts/n8n/queue';
import { N8nApi } from '../../scripts/n8n/api';
import { dropKeys } from '../support/redis';
import { createClient } from '../../nodes/shared/store';
import { startTlsRedis, type TlsRedis } from '../../scripts/redis/topologies';
import { createFlowToken } from '../../nodes/shared/flows';
import { decryptFlowResponse, encryptFlowRequest, generateFlowsKeyPair } from '../../simulator/flows/client';
import { FakePlatform } from '../../simulator/platform';
import { conversationWorkflow, say, sentTo, turn, until } from './conversation-flow';
import { createChannelCredentials, postSigned, settle, whatsAppDelivery } from './examples-support';
import type { E2eContext } from './support/n8n';

jest.setTimeout(300_000);

const namespace = `chatflow-queue-e2e:${randomUUID()}:`;
let cluster: QueueCluster;
let stateRedis: TlsRedis;
let platform: FakePlatform;
let conversationId: string;
let url: string;


/** One turn of `contact` against this suite's trigger and fake platform (see conversation-flow.ts). */
const turnOf = (contact: string, message: Record<string, unknown>, total: number): Promise<string[]> =>
	turn({ url, platform }, contact, message, total, 30_000);

/** Activates on main, then waits until the webhook processor serves the paths too. */
async function activate(workflow: Parameters<N8nApi['createWorkflow']>[0], paths: string[]): Promise<string> {
	const id = await cluster.api.createWorkflow(workflow, { webhooks: paths.map((path) => ({ path })) });
	const viaWebhookProcess = new N8nApi(cluster.webhookUrl, cluster.api.apiKey, cluster.api.cookie);
	for (const path of paths) await viaWebhookProcess.waitForWebhook(path);
	return id;
}

beforeAll(async () => {
	const root = mkdtempSync(join(tmpdir(), 'chatflow-queue-'));
	stateRedis = await startTlsRedis(mkdtempSync(join(root, 'state-store-')));
	cluster = await startQueueCluster({ root });
	platform = await FakePlatform.start();
	const n8n = { api: cluster.api } as E2eContext;
	const credentials = await createChannelCredentials(n8n, platform);
	const redis = await cluster.api.createCredential('chatflowRedisApi', 'state store (TLS)', { ...stateRedis.credentials, database: 0, namespace });
	const { workflow, webhookId } = conversationWorkflow(credentials, { timeoutSeconds: 10, redisCredential: { id: redis.id, name: redis.name } });
	conversationId = await activate(workflow, [`${webhookId}/webhook`]);
	url = `${cluster.webhookUrl}/webhook/${webhookId}/webhook`;
	const warm = await postSigned(url, 'whatsapp', whatsAppDelivery({ statuses: [{ id: 'wamid.warm', status: 'sent', timestamp: '1', recipient_id: '1' }] }));
	expect(warm.status).toBe(200);
}, 300_000);

afterAll(async () => {
	await platform?.close();
	await cluster?.stop();
	if (cluster?.bullPrefix) await dropKeys(cluster.bullPrefix);
	await stateRedis?.stop();
});

/** A connection of this suite's own to the TLS State Store, with the credential's certificates and ACL user. */
const stateStoreClient = () => createClient({ ...stateRedis.credentials, namespace: '' });

/**
 * Resolves once `contact`'s flow waits for them (its wait record is in Redis). A person answers
 * after reading the bot's message, which takes far longer than the flow needs to reach Wait for
 * Reply; a test client that answers the moment the message is sent can beat the worker to it and
 * start a new conversation instead, more so on a loaded machine.
 */
async function waitingFor(contact: string): Promise<void> {
	const raw = stateStoreClient();
	try {
		await until(`${contact}'s flow waiting for a reply`, async () => (await raw.exists(`${namespace}conv:wait:whatsapp:106540352242922:${contact}`)) === 1, 30_000);
	} finally {
		raw.disconnect();
	}
}

const BUTTONS = 'button:What would you like to do?';
const FLOW = 'flow:Pick a date';

describe('queue mode: main + webhook processor + worker', () => {
	const [ana, cleo, dan, eve] = ['4917700000001', '4917700000003', '4917700000004', '4917700000005'];

	it('runs the conversation flow: resumes go through the webhook processor, state through Redis', async () => {
		await Promise.all([
			(async () => {
				expect(await turnOf(ana, say.text('hi'), 1)).toEqual([BUTTONS]);
				await waitingFor(ana);
				expect(await turnOf(ana, say.button('book', 'Book'), 2)).toEqual([BUTTONS, FLOW]);
				await waitingFor(ana);
				expect(await turnOf(ana, say.flowReply({ flow_token: 't', date: '2026-12-05' }), 3)).toEqual([BUTTONS, FLOW, 'text:Booked for 2026-12-05']);
			})(),
			(async () => {
				expect(await turnOf(cleo, say.text('hi'), 1)).toEqual([BUTTONS]);
				await waitingFor(cleo);
				expect(await turnOf(cleo, say.text('MENU'), 2)).toEqual([BUTTONS, BUTTONS]);
				await waitingFor(cleo);
				expect(await turnOf(cleo, say.button('prices', 'Prices'), 3)).toEqual([BUTTONS, BUTTONS, 'text:Haircut 20 EUR, colour 45 EUR']);
			})(),
			(async () => {
				expect(await turnOf(eve, say.text('hi'), 1)).toEqual([BUTTONS]);
				await waitingFor(eve);
				expect(await turnOf(eve, say.text('hmm'), 2)).toEqual([BUTTONS, 'text:Please tap Book or Prices']);
				await waitingFor(eve);
				expect(await turnOf(eve, say.button('book', 'Book'), 3)).toEqual([BUTTONS, 'text:Please tap Book or Prices', FLOW]);
			})(),
			(async () => {
				expect(await turnOf(dan, say.text('hi'), 1)).toEqual([BUTTONS]);
			})(),
		]);
		// Dan's 10 s timeout comes while his execution still runs on the worker (it keeps running
		// for 30 s): the worker itself sends "Session expired", on time.
		await until('the timeout message', () => sentTo(platform, dan).length >= 2, 120_000);
		await settle(platform);
		expect(sentTo(platform, ana)).toEqual([BUTTONS, FLOW, 'text:Booked for 2026-12-05']);
		expect(sentTo(platform, cleo)).toEqual([BUTTONS, BUTTONS, 'text:Haircut 20 EUR, colour 45 EUR']);
		expect(sentTo(platform, dan)).toEqual([BUTTONS, 'text:Session expired, write hi to start again']);
		expect(sentTo(platform, eve)).toEqual([BUTTONS, 'text:Please tap Book or Prices', FLOW]);

		// Waits and sessions live in Redis, under the credential's namespace.
		const raw = stateStoreClient();
		const keys = await raw.keys(`${namespace}*`);
		raw.disconnect();
		expect(keys).toEqual(expect.arrayContaining([`${namespace}conv:session:whatsapp:106540352242922:${ana}`, `${namespace}conv:wait:whatsapp:106540352242922:${eve}`]));

		const executions = await cluster.api.executions(conversationId, { includeData: false });
		expect(executions).toHaveLength(5); // ana, cleo ×2 (MENU), dan, eve
		// Executions ran on the worker, never on main.
		for (const execution of executions) expect(cluster.worker.logs()).toContain(`Worker started execution ${execution.id} (job`);
		// Eve waits for the Flow: running for its first 30 s, then saved as waiting; her answer then
		// resumes the saved execution through the webhook processor.
		const eveRun = executions.find((e) => e.status !== 'success');
		expect(eveRun).toBeDefined();
		await until('Eve\'s execution saved as waiting', async () => (await cluster.api.execution(eveRun!.id)).status === 'waiting', 90_000);
		expect(await turnOf(eve, say.flowReply({ flow_token: 't-eve', date: '2026-12-06' }), 4)).toEqual([BUTTONS, 'text:Please tap Book or Prices', FLOW, 'text:Booked for 2026-12-06']);
		await until('every execution finished', async () => (await cluster.api.executions(conversationId, { includeData: false })).every((e) => e.status === 'success'), 60_000);
	});

	it('serves the Flows endpoint: the respond node answers from the worker through Redis', async () => {
		const passphrase = `pass-${randomUUID()}`;
		const appSecret = `secret-${randomUUID()}`;
		const tokenSecret = `token-${randomUUID()}`;
		const keys = generateFlowsKeyPair(passphrase);
		const credential = await cluster.api.createCredential('chatflowFlowsEndpointApi', 'flows', {
			privateKey: keys.privateKeyPem,
			passphrase,
			appSecret,
			previousAppSecret: '',
			tokenSecret,
		});
		const webhookId = randomUUID();
		const ref = { chatflowFlowsEndpointApi: { id: credential.id, name: 'flows' } };
		await activate(
			{
				name: `flows endpoint ${webhookId}`,
				nodes: [
					{
						id: randomUUID(),
						name: 'Flows Endpoint',
						type: 'n8n-nodes-chatflow.chatflowFlowsEndpointTrigger',
						typeVersion: 1,
						position: [0, 0],
						webhookId,
						parameters: { verifyFlowToken: true, options: {} },
						credentials: ref,
					},
					{
						id: randomUUID(),
						name: 'Show DATE',
						type: 'n8n-nodes-chatflow.chatflowFlowsRespond',
						typeVersion: 1,
						position: [300, 0],
						parameters: { respondWith: 'nextScreen', screen: 'DATE', data: '={{ JSON.stringify({ hello: $json.tokenContext.contact, route: $json.route }) }}' },
						credentials: ref,
					},
				],
				connections: { 'Flows Endpoint': { main: [[{ node: 'Show DATE', type: 'main', index: 0 }]] } },
			},
			[`${webhookId}/flows`],
		);
		const token = createFlowToken(tokenSecret, { contact: ana }, 3600);
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'INIT', flow_token: token }, appSecret);
		const response = await fetch(`${cluster.webhookUrl}/webhook/${webhookId}/flows`, { method: 'POST', headers: request.headers, body: request.body });
		expect(response.status).toBe(200);
		expect(decryptFlowResponse(request, await response.text())).toEqual({ screen: 'DATE', data: { hello: ana, route: 'INIT' } });
		expect(cluster.logs()).not.toContain(passphrase);
		expect(cluster.logs()).not.toContain(appSecret);
	});
});
