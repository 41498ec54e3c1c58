/**
 * WhatsApp Flows end to end in the real n8n: an endpoint trigger, one Switch on `route`, respond
 * nodes; driven by a client that encrypts like WhatsApp. Then the Flow's answer arrives as a
 * messages webhook and the Flow response node returns it parsed and verified. Finally the saved
 * executions and n8n's log are searched for every secret of the run.
 */
import { randomUUID } from 'node:crypto';

import { createFlowToken } from '../../nodes/shared/flows';
import {
	decryptFlowResponse,
	encryptFlowRequest,
	generateFlowsKeyPair,
	type EncryptedFlowRequest,
} from '../../simulator/flows/client';
import { connectE2e, nodeType, type E2eContext } from './support/n8n';

const APP_SECRET = `app-secret-${randomUUID()}`;
const TOKEN_SECRET = `token-secret-${randomUUID()}`;
const PASSPHRASE = `passphrase-${randomUUID()}`;
const keys = generateFlowsKeyPair(PASSPHRASE);
const endpointWebhookId = randomUUID();
const messagesWebhookId = randomUUID();

/** Outputs of the Switch, by route. */
const ROUTES = ['INIT', 'data_exchange:FIRST', 'data_exchange:SECOND', 'BACK:SECOND', 'data_exchange:BROKEN'];

/** The suite's Flows endpoint credential (one key pair and secrets for the whole file). */
async function createFlowsCredential(n8n: E2eContext, name: string) {
	return await n8n.api.createCredential('chatflowFlowsEndpointApi', name, {
		privateKey: keys.privateKeyPem,
		passphrase: PASSPHRASE,
		appSecret: APP_SECRET,
		previousAppSecret: '',
		tokenSecret: TOKEN_SECRET,
	});
}

function respondNode(name: string, position: number, parameters: Record<string, unknown>, credentialId: string) {
	return {
		id: randomUUID(),
		name,
		type: nodeType('chatflowFlowsRespond'),
		typeVersion: 1,
		position: [700, position * 160],
		parameters,
		credentials: { chatflowFlowsEndpointApi: { id: credentialId, name: 'flows' } },
	};
}

function endpointWorkflow(credentialId: string) {
	const nodes = [
		{
			id: randomUUID(),
			name: 'Flows Endpoint',
			type: nodeType('chatflowFlowsEndpointTrigger'),
			typeVersion: 1,
			position: [0, 300],
			webhookId: endpointWebhookId,
			parameters: { verifyFlowToken: true, options: { passErrorNotifications: true } },
			credentials: { chatflowFlowsEndpointApi: { id: credentialId, name: 'flows' } },
		},
		{
			id: randomUUID(),
			name: 'Route',
			type: 'n8n-nodes-base.switch',
			typeVersion: 3.2,
			position: [300, 300],
			parameters: {
				mode: 'expression',
				numberOutputs: ROUTES.length + 1,
				output: `={{ (${JSON.stringify(ROUTES)}).indexOf($json.route) === -1 ? ${ROUTES.length} : (${JSON.stringify(ROUTES)}).indexOf($json.route) }}`,
			},
		},
		respondNode('Show FIRST', 0, { respondWith: 'nextScreen', screen: 'FIRST', data: '={{ JSON.stringify({ greeting: "Hello " + $json.tokenContext.contact }) }}' }, credentialId),
		{
			id: randomUUID(),
			name: 'Check Name',
			type: 'n8n-nodes-base.if',
			typeVersion: 2,
			position: [500, 160],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
					conditions: [{ leftValue: '={{ $json.data.name }}', rightValue: '', operator: { type: 'string', operation: 'notEmpty', singleValue: true } }],
					combinator: 'and',
				},
			},
		},
		respondNode('Show SECOND', 1, { respondWith: 'nextScreen', screen: 'SECOND', data: '={{ JSON.stringify({ name: $json.data.name }) }}' }, credentialId),
		respondNode('Name Missing', 2, { respondWith: 'error', errorMessage: 'Please enter your name', data: '{}' }, credentialId),
		respondNode('Close Flow', 3, { respondWith: 'close', params: '={{ JSON.stringify({ choice: $json.data.choice, journey: $json.tokenContext.journey }) }}' }, credentialId),
		// Replaces the item: the respond node after it finds the request on the trigger's output.
		{
			id: randomUUID(),
			name: 'Replace Item',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [500, 640],
			parameters: { mode: 'raw', jsonOutput: '{ "replaced": true }', options: {} },
		},
		respondNode('Back to FIRST', 4, { respondWith: 'nextScreen', screen: 'FIRST', data: '{"greeting":"Welcome back"}' }, credentialId),
		// A misconfigured respond node (SUCCESS is reserved): the workflow fails before answering.
		respondNode('Broken Respond', 5, { respondWith: 'nextScreen', screen: 'SUCCESS', data: '{}' }, credentialId),
		{ id: randomUUID(), name: 'No Answer', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [700, 960], parameters: {} },
	];
	const to = (node: string) => [{ node, type: 'main', index: 0 }];
	return {
		name: `flows endpoint ${endpointWebhookId}`,
		nodes,
		connections: {
			'Flows Endpoint': { main: [to('Route')] },
			Route: { main: [to('Show FIRST'), to('Check Name'), to('Close Flow'), to('Replace Item'), to('Broken Respond'), to('No Answer')] },
			'Replace Item': { main: [to('Back to FIRST')] },
			'Check Name': { main: [to('Show SECOND'), to('Name Missing')] },
		},
	};
}

function messagesWorkflow(credentialId: string) {
	return {
		name: `flow answers ${messagesWebhookId}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Messages Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: messagesWebhookId,
				// n8n's Webhook node listens on /webhook/<path> (full path): the id is the path.
				parameters: { httpMethod: 'POST', path: messagesWebhookId, responseMode: 'onReceived', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Flow Response',
				type: nodeType('chatflowFlowResponse'),
				typeVersion: 1,
				position: [300, 0],
				parameters: { operation: 'parse', foldBuilderKeys: true, verifyToken: true, jsonata: '' },
				credentials: { chatflowFlowsEndpointApi: { id: credentialId, name: 'flows' } },
			},
		],
		connections: { 'Messages Webhook': { main: [[{ node: 'Flow Response', type: 'main', index: 0 }]] } },
	};
}

describe('WhatsApp Flows in a real n8n', () => {
	let n8n: E2eContext;
	let endpointWorkflowId: string;
	let messagesWorkflowId: string;
	const aesKeys: Buffer[] = [];
	const token = createFlowToken(TOKEN_SECRET, { contact: '4915112345678', journey: 'booking' }, 3600);

	async function call(payload: unknown, { secret = APP_SECRET }: { secret?: string } = {}) {
		const request: EncryptedFlowRequest = encryptFlowRequest(keys.publicKey, payload, secret);
		aesKeys.push(request.aesKey);
		const started = Date.now();
		const response = await fetch(n8n.api.webhookUrl(endpointWebhookId, 'flows'), { method: 'POST', headers: request.headers, body: request.body });
		const text = await response.text();
		const elapsedMs = Date.now() - started;
		const decrypted = response.status === 200 ? decryptFlowResponse(request, text) : undefined;
		return { status: response.status, contentType: response.headers.get('content-type'), text, decrypted, elapsedMs };
	}

	beforeAll(async () => {
		n8n = await connectE2e();
		const credential = await createFlowsCredential(n8n, 'flows');
		endpointWorkflowId = await n8n.api.createWorkflow(endpointWorkflow(credential.id), { webhooks: [{ path: `${endpointWebhookId}/flows` }] });
		messagesWorkflowId = await n8n.api.createWorkflow(messagesWorkflow(credential.id), { webhooks: [{ path: messagesWebhookId }] });
	});

	afterAll(async () => {
		for (const id of [endpointWorkflowId, messagesWorkflowId]) if (id) await n8n.api.deactivate(id).catch(() => undefined);
	});

	it('answers the health check itself, encrypted, without an execution', async () => {
		const result = await call({ version: '3.0', action: 'ping' });
		expect(result.status).toBe(200);
		expect(result.contentType).toMatch(/^text\/plain/);
		expect(result.decrypted).toEqual({ data: { status: 'active' } });
	});

	it('walks INIT → FIRST → error → SECOND → BACK → SUCCESS', async () => {
		const init = await call({ version: '3.0', action: 'INIT', flow_token: token });
		expect(init.status).toBe(200);
		expect(init.decrypted).toEqual({ screen: 'FIRST', data: { greeting: 'Hello 4915112345678' } });

		const missing = await call({ version: '3.0', action: 'data_exchange', screen: 'FIRST', data: { name: '' }, flow_token: token });
		expect(missing.decrypted).toEqual({ screen: 'FIRST', data: { error_message: 'Please enter your name' } });

		const second = await call({ version: '3.0', action: 'data_exchange', screen: 'FIRST', data: { name: 'Ana' }, flow_token: token });
		expect(second.decrypted).toEqual({ screen: 'SECOND', data: { name: 'Ana' } });

		const back = await call({ version: '3.0', action: 'BACK', screen: 'SECOND', flow_token: token });
		expect(back.decrypted).toEqual({ screen: 'FIRST', data: { greeting: 'Welcome back' } });

		const done = await call({ version: '3.0', action: 'data_exchange', screen: 'SECOND', data: { choice: '0_Yes' }, flow_token: token });
		expect(done.decrypted).toEqual({
			screen: 'SUCCESS',
			data: { extension_message_response: { params: { choice: '0_Yes', journey: 'booking', flow_token: token } } },
		});
	});

	it('acknowledges a client error notification and passes it into the workflow', async () => {
		const result = await call({ version: '3.0', action: 'data_exchange', screen: 'FIRST', flow_token: token, data: { error: 'INVALID_SCREEN', error_message: 'x' } });
		expect(result.decrypted).toEqual({ data: { acknowledged: true } });
	});

	it('answers 432, 421 and 427 itself', async () => {
		expect((await call({ version: '3.0', action: 'INIT', flow_token: token }, { secret: 'wrong-secret' })).status).toBe(432);
		const other = generateFlowsKeyPair();
		const foreign = encryptFlowRequest(other.publicKey, { version: '3.0', action: 'ping' }, APP_SECRET);
		const response = await fetch(n8n.api.webhookUrl(endpointWebhookId, 'flows'), { method: 'POST', headers: foreign.headers, body: foreign.body });
		expect(response.status).toBe(421);
		const expired = createFlowToken(TOKEN_SECRET, { contact: 'x' }, 1, Date.now() - 5000);
		const rejected = await call({ version: '3.0', action: 'INIT', flow_token: expired });
		expect(rejected.status).toBe(427);
		expect(JSON.parse(rejected.text)).toEqual({ error_msg: expect.stringMatching(/expired/) });
	});

	it('answers exactly 500 with an empty body when the workflow ends without answering, n8n\'s 500 when it fails', async () => {
		const silent = await call({ version: '3.0', action: 'data_exchange', screen: 'UNKNOWN', data: {}, flow_token: token });
		expect({ status: silent.status, text: silent.text }).toEqual({ status: 500, text: '' });
		const broken = await call({ version: '3.0', action: 'data_exchange', screen: 'BROKEN', data: {}, flow_token: token });
		expect({ status: broken.status, body: JSON.parse(broken.text) }).toEqual({ status: 500, body: { message: 'Error in workflow' } });
	});

	it('refuses an unknown action with 400 and starts no workflow', async () => {
		// the runs of the tests above (five steps, the notification, no answer, broken), all finished
		const before = (await n8n.api.waitForExecutions(endpointWorkflowId, 8)).length;
		expect(before).toBe(8);
		const unknown = await call({ version: '3.0', action: 'navigate', screen: 'FIRST', data: {}, flow_token: token });
		expect({ status: unknown.status, body: JSON.parse(unknown.text) }).toEqual({ status: 400, body: { error_msg: 'unknown action "navigate"' } });
		// a request that does start the workflow, answered after the refused one: the refused one left no execution
		await call({ version: '3.0', action: 'data_exchange', screen: 'UNKNOWN', data: {}, flow_token: token });
		const after = await n8n.api.waitForExecutions(endpointWorkflowId, before + 1);
		expect(after).toHaveLength(before + 1);
	});

	it('parses and verifies the Flow answer that arrives in the messages webhook', async () => {
		const responseJson = JSON.stringify({ flow_token: token, screen_0_TextInput_0: 'Ana', screen_1_RadioButtonsGroup_0: '0_Yes' });
		const body = {
			object: 'whatsapp_business_account',
			entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', messages: [{
				from: '4915112345678', id: 'wamid.ANSWER', type: 'interactive', context: { id: 'wamid.FLOW' },
				interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: responseJson } },
			}] } }] }],
		};
		const response = await fetch(`${n8n.state.url}/webhook/${messagesWebhookId}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		expect(response.status).toBe(200);
		const [execution] = await n8n.api.waitForExecutions(messagesWorkflowId, 1);
		const [[answer]] = n8n.output(execution, 'Flow Response');
		expect(answer).toMatchObject({
			response: { text_input: 'Ana', radio_buttons_group: 'Yes' },
			token: { status: 'ok' },
			context: { contact: '4915112345678', journey: 'booking' },
			replyTo: 'wamid.FLOW',
			from: '4915112345678',
		});
	});

	it('keeps every secret out of the saved executions and n8n\'s log', async () => {
		// INIT, error, SECOND, BACK, SUCCESS, error notification, no-answer, broken, no-answer: 9 runs
		const executions = await n8n.api.waitForExecutions(endpointWorkflowId, 9);
		expect(executions.map((execution) => execution.status).filter((status) => status === 'error')).toHaveLength(1);
		const saved = JSON.stringify(await Promise.all(executions.map((execution) => n8n.api.execution(execution.id)))) +
			JSON.stringify(await n8n.api.executions(messagesWorkflowId));
		const logs = n8n.logs();
		const keyBody = keys.privateKeyPem.split('\n').filter((line) => line && !line.startsWith('-----'));
		const secrets = [
			APP_SECRET,
			TOKEN_SECRET,
			PASSPHRASE,
			...keyBody.slice(1, 4),
			...aesKeys.flatMap((key) => [key.toString('base64'), key.toString('hex')]),
		];
		for (const secret of secrets) {
			expect(saved.includes(secret) ? `saved executions contain ${secret.slice(0, 8)}…` : 'clean').toBe('clean');
			expect(logs.includes(secret) ? `n8n log contains ${secret.slice(0, 8)}…` : 'clean').toBe('clean');
		}
		// what the respond node needs is there: the encrypted key, useless without the private key
		expect(saved).toContain('encryptedAesKey');
	});
});

describe('WhatsApp Flows endpoint with one output per route (no Switch), version 2', () => {
	let n8n: E2eContext;
	let workflowId: string;
	const webhookId = randomUUID();
	const token = createFlowToken(TOKEN_SECRET, { contact: '4915100000009', journey: 'routes' }, 3600);

	async function call(payload: unknown) {
		const request = encryptFlowRequest(keys.publicKey, payload, APP_SECRET);
		const response = await fetch(n8n.api.webhookUrl(webhookId, 'flows'), { method: 'POST', headers: request.headers, body: request.body });
		const text = await response.text();
		return { status: response.status, text: response.status === 200 ? undefined : text, decrypted: response.status === 200 ? decryptFlowResponse(request, text) : undefined };
	}

	beforeAll(async () => {
		n8n = await connectE2e();
		const credential = await createFlowsCredential(n8n, 'flows routes');
		const to = (node: string) => [{ node, type: 'main', index: 0 }];
		workflowId = await n8n.api.createWorkflow(
			{
				name: `flows routes ${webhookId}`,
				nodes: [
					{
						id: randomUUID(),
						name: 'Flows Endpoint',
						type: nodeType('chatflowFlowsEndpointTrigger'),
						typeVersion: 2,
						position: [0, 300],
						webhookId,
						parameters: { routing: 'outputPerRoute', routes: 'INIT, data_exchange:FIRST, data_exchange', verifyFlowToken: true, options: { passUnknownActions: true } },
						credentials: { chatflowFlowsEndpointApi: { id: credential.id, name: 'flows routes' } },
					},
					respondNode('Welcome', 0, { respondWith: 'nextScreen', screen: 'FIRST', data: '{"greeting":"Welcome"}' }, credential.id),
					// Replaces the item on output 1: the respond node finds the request on that output.
					{ id: randomUUID(), name: 'Replace Item', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [400, 160], parameters: { mode: 'raw', jsonOutput: '{ "replaced": true }', options: {} } },
					respondNode('After FIRST', 1, { respondWith: 'nextScreen', screen: 'SECOND', data: '{"step":2}' }, credential.id),
					respondNode('Any Other Screen', 2, { respondWith: 'close', params: '{"done":true}' }, credential.id),
					{ id: randomUUID(), name: 'Not Routed', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [700, 640], parameters: {} },
				],
				connections: {
					'Flows Endpoint': { main: [to('Welcome'), to('Replace Item'), to('Any Other Screen'), to('Not Routed')] },
					'Replace Item': { main: [to('After FIRST')] },
				},
			},
			{ webhooks: [{ path: `${webhookId}/flows` }] },
		);
	});

	afterAll(async () => {
		if (workflowId) await n8n.api.deactivate(workflowId).catch(() => undefined);
	});

	it('routes INIT, a listed screen, an unlisted screen of a listed action, and an unlisted action', async () => {
		expect((await call({ version: '3.0', action: 'INIT', flow_token: token })).decrypted).toEqual({ screen: 'FIRST', data: { greeting: 'Welcome' } });
		expect((await call({ version: '3.0', action: 'data_exchange', screen: 'FIRST', data: {}, flow_token: token })).decrypted).toEqual({ screen: 'SECOND', data: { step: 2 } });
		expect((await call({ version: '3.0', action: 'data_exchange', screen: 'SECOND', data: {}, flow_token: token })).decrypted).toEqual({
			screen: 'SUCCESS',
			data: { extension_message_response: { params: { done: true, flow_token: token } } },
		});
		// BACK is not listed: Other, which has no respond node, so n8n answers the trigger's empty 500.
		expect(await call({ version: '3.0', action: 'BACK', screen: 'SECOND', flow_token: token })).toEqual({ status: 500, text: '', decrypted: undefined });
		// Unknown actions are passed on here: they leave by Other as well.
		expect(await call({ version: '3.0', action: 'navigate', screen: 'SECOND', flow_token: token })).toEqual({ status: 500, text: '', decrypted: undefined });
		const executions = await n8n.api.waitForExecutions(workflowId, 5);
		expect(executions.filter((execution) => execution.status === 'success')).toHaveLength(5);
		expect(executions.filter((execution) => execution.data?.resultData.runData['Not Routed']).length).toBe(2);
	});
});
