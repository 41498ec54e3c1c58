/**
 * The version-range smoke: what must work on every n8n the package supports, one capability per
 * test, run against the n8n named by CHATFLOW_N8N_VERSION (`npm run test:versions`). The package
 * is installed the way n8n's community-package installer does it, so it runs against that n8n's
 * own n8n-workflow. Each test's title starts with the capability's column in the compatibility
 * table (`[trigger] …`), which scripts/versionsReport.ts fills from the results.
 */
import { randomUUID } from 'node:crypto';

import { SAVED_WAIT_UNSUPPORTED } from '../../../nodes/Conversation/actions/waitForReply/execute';
import { FakePlatform } from '../../../simulator/platform';
import { conversationWorkflow, sentTo, turn, until } from '../conversation-flow';
import {
	createChannelCredentials,
	createFlowsEndpointCredential,
	PHONE_NUMBER_ID,
	postSigned,
	whatsAppMessage,
	type Credentials,
	type FlowsEndpointKit,
} from '../examples-support';
import { declaredTypes, readManifest } from '../support/manifest';
import { connectE2e, nodeType, PACKAGE_NAME, type E2eContext } from '../support/n8n';

jest.setTimeout(180_000);

const BUTTONS = 'button:What would you like to do?';
const PRICES = 'text:Haircut 20 EUR, colour 45 EUR';
const EXPIRED = 'text:Session expired, write hi to start again';
/** The contact's tap on the Prices button, the reply every resumed conversation gets. */
const PRICES_REPLY = { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'prices', title: 'Prices' } } };
/** The timeout of the conversation that is left to expire (n8n's wait tracker resumes it). */
const TIMEOUT_SECONDS = 5;

let n8n: E2eContext;
let platform: FakePlatform;
let credentials: Credentials;
const workflowIds: string[] = [];

async function activate(workflow: Parameters<E2eContext['api']['createWorkflow']>[0], webhooks: Array<{ path: string; method?: string }>): Promise<string> {
	const id = await n8n.api.createWorkflow(workflow, { webhooks });
	workflowIds.push(id);
	return id;
}

/** The booking conversation (test/e2e/conversation-flow.ts) with the Conversation node at `version`. */
async function conversation(version: number, timeoutSeconds = 120): Promise<{ workflowId: string; url: string }> {
	const { workflow, webhookId } = conversationWorkflow(credentials, { conversationVersion: version, timeoutSeconds });
	const workflowId = await activate(workflow, [{ path: `${webhookId}/webhook` }]);
	return { workflowId, url: n8n.api.webhookUrl(webhookId, 'webhook') };
}

/** The contact taps Prices in a conversation that waits for it: the prices go out, and its one execution ends in success. */
async function answerAndFinish(workflowId: string, url: string, contact: string): Promise<void> {
	expect(await turn({ url, platform }, contact, PRICES_REPLY, 2)).toEqual([BUTTONS, PRICES]);
	const done = await until('the conversation finished', async () => {
		const all = await n8n.api.executions(workflowId, { includeData: false });
		return all.length === 1 && all[0].status === 'success' ? all : undefined;
	});
	expect(done).toHaveLength(1);
}

beforeAll(async () => {
	n8n = await connectE2e();
	platform = await FakePlatform.start();
	credentials = await createChannelCredentials(n8n, platform);
});

afterAll(async () => {
	for (const id of workflowIds) await n8n.api.deactivate(id).catch(() => undefined);
	await platform?.close();
});

describe(`${PACKAGE_NAME} on this n8n`, () => {
	it('[load] every node and credential of the package loads', async () => {
		const declared = declaredTypes(readManifest(n8n.state.packageDir));
		const nodes = new Set((await n8n.api.nodeTypes()).map((type) => type.name));
		const credentialTypes = new Set((await n8n.api.credentialTypes()).map((type) => type.name));
		expect(declared.nodes.filter((name) => !nodes.has(name))).toEqual([]);
		expect(declared.credentials.filter((name) => !credentialTypes.has(name))).toEqual([]);
		expect(n8n.logs()).not.toContain('Failed to load package "n8n-nodes-chatflow"');
	});

	it('[trigger] the WhatsApp trigger runs a signed delivery and refuses a forged signature', async () => {
		const webhookId = randomUUID();
		const workflowId = await activate(
			{
				name: `smoke trigger ${webhookId}`,
				nodes: [
					{
						id: randomUUID(),
						name: 'Trigger',
						type: nodeType('chatflowWhatsAppTrigger'),
						typeVersion: 1,
						position: [0, 0],
						webhookId,
						parameters: {},
						credentials: { chatflowMetaAppApi: credentials.chatflowMetaAppApi },
					},
				],
				connections: {},
			},
			[{ path: `${webhookId}/webhook` }],
		);
		const url = n8n.api.webhookUrl(webhookId, 'webhook');
		const message = whatsAppMessage('4915100000101', { type: 'text', text: { body: 'smoke' } }, 'Smoke');
		expect((await postSigned(url, 'whatsapp', message, 'forged-secret')).status).toBe(403);
		expect(await postSigned(url, 'whatsapp', message)).toEqual({ status: 200, text: 'OK' });
		const [execution] = await n8n.api.waitForExecutions(workflowId, 1);
		expect(execution.status).toBe('success');
		expect(n8n.output(execution, 'Trigger')[0]).toEqual([
			expect.objectContaining({ channel: 'whatsapp', event: 'message', text: 'smoke', contact: expect.objectContaining({ id: '4915100000101', name: 'Smoke' }) }),
		]);
		// the forged delivery started nothing
		expect(await n8n.api.executions(workflowId, { includeData: false })).toHaveLength(1);
	});

	it('[send] the WhatsApp node sends a text to the platform', async () => {
		const webhookId = randomUUID();
		const workflowId = await activate(
			{
				name: `smoke send ${webhookId}`,
				nodes: [
					{
						id: randomUUID(),
						name: 'Start',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: [0, 0],
						webhookId,
						parameters: { httpMethod: 'POST', path: webhookId, responseMode: 'onReceived', options: {} },
					},
					{
						id: randomUUID(),
						name: 'Send',
						type: nodeType('chatflowWhatsApp'),
						typeVersion: 2,
						position: [200, 0],
						parameters: {
							resource: 'message',
							operation: 'sendText',
							phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
							to: '={{ $json.body.to }}',
							text: '=Hello {{ $json.body.name }}',
							previewUrl: false,
						},
						credentials: { chatflowWhatsAppApi: credentials.chatflowWhatsAppApi },
					},
				],
				connections: { Start: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
			},
			[{ path: webhookId }],
		);
		const response = await fetch(`${n8n.state.url}/webhook/${webhookId}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ to: '4915100000102', name: 'Ada' }),
		});
		expect(response.status).toBe(200);
		const [execution] = await n8n.api.waitForExecutions(workflowId, 1);
		expect(execution.status).toBe('success');
		expect(n8n.output(execution, 'Send')[0]).toEqual([expect.objectContaining({ messageId: expect.stringMatching(/^wamid\./) })]);
		expect(sentTo(platform, '4915100000102')).toEqual(['text:Hello Ada']);
	});

	it('[flows] the Flows endpoint answers encrypted requests (health check and a screen from a respond node)', async () => {
		const kit: FlowsEndpointKit = await createFlowsEndpointCredential(n8n);
		const webhookId = randomUUID();
		const flows = { chatflowFlowsEndpointApi: kit.credential };
		const workflowId = await activate(
			{
				name: `smoke flows ${webhookId}`,
				nodes: [
					{
						id: randomUUID(),
						name: 'Endpoint',
						type: nodeType('chatflowFlowsEndpointTrigger'),
						typeVersion: 1,
						position: [0, 0],
						webhookId,
						parameters: { verifyFlowToken: false, options: {} },
						credentials: flows,
					},
					{
						id: randomUUID(),
						name: 'Respond',
						type: nodeType('chatflowFlowsRespond'),
						typeVersion: 1,
						position: [200, 0],
						parameters: { respondWith: 'nextScreen', screen: 'FIRST', data: '={{ JSON.stringify({ action: $json.action }) }}' },
						credentials: flows,
					},
				],
				connections: { Endpoint: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] } },
			},
			[{ path: `${webhookId}/flows` }],
		);
		const url = n8n.api.webhookUrl(webhookId, 'flows');
		expect(await kit.call(url, { action: 'ping' })).toMatchObject({ status: 200, answer: { data: { status: 'active' } } });
		expect(await kit.call(url, { action: 'INIT', flow_token: 'smoke' })).toMatchObject({ status: 200, answer: { screen: 'FIRST', data: { action: 'INIT' } } });
		const [execution] = await n8n.api.waitForExecutions(workflowId, 1);
		expect(execution.status).toBe('success');
	});

	// Started before the two resume tests so that n8n's wait tracker has time to resume it.
	let expiring: Promise<string[]>;
	const silent = '4915100000199';

	it('[conversation v1] a conversation waits for a reply (execution saved as waiting) and resumes', async () => {
		const timingOut = await conversation(1, TIMEOUT_SECONDS);
		expiring = turn({ url: timingOut.url, platform }, silent, { type: 'text', text: { body: 'hi' } }, 1).then(() =>
			until('the timeout message', () => (sentTo(platform, silent).length >= 2 ? sentTo(platform, silent) : undefined), 150_000),
		);
		expiring.catch(() => undefined); // awaited in its own test

		const { workflowId, url } = await conversation(1);
		const contact = '4915100000103';
		expect(await turn({ url, platform }, contact, { type: 'text', text: { body: 'hi' } }, 1)).toEqual([BUTTONS]);
		// The buttons go out just before the Conversation node saves the execution as waiting.
		await until('the execution saved as waiting', async () => {
			const statuses = (await n8n.api.executions(workflowId, { includeData: false })).map((e) => e.status);
			return statuses.length === 1 && statuses[0] === 'waiting';
		});
		await answerAndFinish(workflowId, url, contact);
	});

	it('[conversation v2] a conversation waits for a reply (execution kept running) and resumes', async () => {
		const { workflowId, url } = await conversation(2);
		const contact = '4915100000104';
		expect(await turn({ url, platform }, contact, { type: 'text', text: { body: 'hi' } }, 1)).toEqual([BUTTONS]);
		expect(await turn({ url, platform }, contact, PRICES_REPLY, 2)).toEqual([BUTTONS, PRICES]);
		const [execution] = await n8n.api.waitForExecutions(workflowId, 1);
		expect(execution.status).toBe('success');
		expect(await n8n.api.executions(workflowId, { includeData: false })).toHaveLength(1);
	});

	it('[saved waits checked] a wait that must be saved is saved as waiting and resumes, or is refused with a clear error where this n8n cannot resume it', async () => {
		const { workflowId, url } = await conversation(1);
		await turn({ url, platform }, '4915100000105', { type: 'text', text: { body: 'hi' } }, 1);
		const [execution] = await until('the execution saved as waiting or failed', async () => {
			const all = await n8n.api.executions(workflowId);
			return all.length === 1 && (all[0].status === 'waiting' || all[0].status === 'error') ? all : undefined;
		});
		if (execution.status === 'error') {
			expect((execution.data?.resultData.error as { message?: string } | undefined)?.message).toBe(SAVED_WAIT_UNSUPPORTED.message);
			return;
		}
		// Saved as waiting: this only counts if the reply really resumes it (a saved wait this n8n
		// cannot resume would be the silent loss the check exists to prevent).
		await answerAndFinish(workflowId, url, '4915100000105');
	});

	it('[timeout] a waiting conversation nobody answers leaves by its Timed Out output', async () => {
		expect(await expiring).toEqual([BUTTONS, EXPIRED]);
	});
});
