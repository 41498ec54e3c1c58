/**
 * The n8n glue of the endpoint trigger and the respond node, with the smallest fake n8n context
 * that can run them: what goes on the wire, what lands in the item, what is logged.
 */
import { randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { forgetAesKeys } from '../../../nodes/shared/flows';
import { receiveEndpointRequest } from '../../../nodes/FlowsEndpointTrigger/webhook';
import { respondToFlow } from '../../../nodes/FlowsRespond/respondToFlow';
import { decryptFlowResponse, encryptFlowRequest, generateFlowsKeyPair, type EncryptedFlowRequest } from '../../../simulator/flows/client';

const APP_SECRET = 'glue-app-secret-0123456789abcdef';
const PASSPHRASE = 'glue passphrase';
const keys = generateFlowsKeyPair(PASSPHRASE);
const credential = { privateKey: keys.privateKeyPem, passphrase: PASSPHRASE, appSecret: APP_SECRET, previousAppSecret: '', tokenSecret: '' };

interface Wire {
	status?: number;
	headers: Record<string, string>;
	body?: string;
}

function webhookContext(
	request: EncryptedFlowRequest,
	parameters: IDataObject = {},
	credentials: IDataObject = credential,
	saved: { id: string; reads: number } = { id: randomUUID(), reads: 0 },
) {
	const wire: Wire = { headers: {} };
	const logs: string[] = [];
	const response = {
		status(code: number) {
			wire.status = code;
			return response;
		},
		setHeader(name: string, value: string) {
			wire.headers[name] = value;
			return response;
		},
		end(body: string) {
			wire.body = body;
		},
	};
	const log = (message: string) => logs.push(message);
	// Each context is its own saved credential unless `saved` says otherwise (the trigger caches
	// credentials by id).
	const ctx = {
		getNode: () => ({ name: 'Flows Endpoint', credentials: { chatflowFlowsEndpointApi: { id: saved.id, name: 'flows' } } }),
		getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
		getCredentials: async () => {
			saved.reads++;
			return credentials;
		},
		getRequestObject: () => ({ rawBody: Buffer.from(request.body), headers: request.headers, body: JSON.parse(request.body) }),
		getResponseObject: () => response,
		logger: { error: log, warn: log, info: log, debug: log },
	} as unknown as IWebhookFunctions;
	return { ctx, wire, logs };
}

describe('endpoint trigger glue', () => {
	beforeEach(() => forgetAesKeys());

	it('hands INIT to the workflow with route and session, and no AES key anywhere', async () => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'data_exchange', screen: 'FIRST', data: { a: 1 }, flow_token: 't' }, APP_SECRET);
		const { ctx, wire, logs } = webhookContext(request);
		const result = await receiveEndpointRequest(ctx);
		expect(wire.status).toBeUndefined(); // the respond node answers
		const item = result.workflowData?.[0][0].json as IDataObject;
		expect(item).toMatchObject({ action: 'data_exchange', screen: 'FIRST', route: 'data_exchange:FIRST', data: { a: 1 }, flowToken: 't', tokenStatus: 'unchecked' });
		expect(item.session).toEqual({ encryptedAesKey: request.envelope.encrypted_aes_key, initialVector: request.envelope.initial_vector });
		const everything = JSON.stringify(item) + logs.join('\n');
		for (const secret of [request.aesKey.toString('base64'), request.aesKey.toString('hex'), APP_SECRET, PASSPHRASE]) {
			expect(everything).not.toContain(secret);
		}
	});

	it('answers a ping itself and starts no workflow unless asked', async () => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'ping' }, APP_SECRET);
		const quiet = webhookContext(request);
		expect(await receiveEndpointRequest(quiet.ctx)).toEqual({ noWebhookResponse: true });
		expect(quiet.wire.status).toBe(200);
		expect(quiet.wire.headers['content-type']).toBe('text/plain');
		expect(decryptFlowResponse(request, quiet.wire.body!)).toEqual({ data: { status: 'active' } });

		const passed = webhookContext(request, { options: { passPings: true } });
		const result = await receiveEndpointRequest(passed.ctx);
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData?.[0][0].json).toMatchObject({ route: 'ping', notification: 'ping' });
	});

	it('with one output per route, puts the item on its route\'s output and leaves the others empty', async () => {
		const routed = async (payload: Record<string, unknown>) => {
			const request = encryptFlowRequest(keys.publicKey, { version: '3.0', flow_token: 't', ...payload }, APP_SECRET);
			const { ctx } = webhookContext(request, { routing: 'outputPerRoute', routes: 'INIT, data_exchange:SECOND, data_exchange' });
			const outputs = (await receiveEndpointRequest(ctx)).workflowData ?? [];
			expect(outputs).toHaveLength(4); // three routes + Other
			return outputs.map((output) => output.map((item) => item.json.route));
		};
		expect(await routed({ action: 'INIT' })).toEqual([['INIT'], [], [], []]);
		expect(await routed({ action: 'data_exchange', screen: 'SECOND', data: {} })).toEqual([[], ['data_exchange:SECOND'], [], []]);
		expect(await routed({ action: 'data_exchange', screen: 'FIRST', data: {} })).toEqual([[], [], ['data_exchange:FIRST'], []]);
		expect(await routed({ action: 'BACK', screen: 'SECOND' })).toEqual([[], [], [], ['BACK:SECOND']]);
	});

	it('answers an unknown action 400 itself without starting the workflow, or sends it to Other when asked', async () => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'refresh', screen: 'FIRST', flow_token: 't' }, APP_SECRET);
		const refused = webhookContext(request);
		expect(await receiveEndpointRequest(refused.ctx)).toEqual({ noWebhookResponse: true });
		expect(refused.wire).toEqual({ status: 400, headers: { 'content-type': 'application/json' }, body: '{"error_msg":"unknown action \\"refresh\\""}' });

		const routes = { routing: 'outputPerRoute', routes: 'INIT, data_exchange', options: { passUnknownActions: true } };
		const passed = webhookContext(request, routes);
		const outputs = (await receiveEndpointRequest(passed.ctx)).workflowData ?? [];
		expect(outputs.map((output) => output.map((item) => item.json.route))).toEqual([[], [], ['refresh:FIRST']]);
		expect(passed.wire.status).toBeUndefined();
	});

	it('answers 432 itself and logs the reason only', async () => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'INIT' }, 'wrong-secret');
		const { ctx, wire, logs } = webhookContext(request);
		expect(await receiveEndpointRequest(ctx)).toEqual({ noWebhookResponse: true });
		expect(wire.status).toBe(432);
		expect(logs).toEqual(['Flows endpoint: answered 432: request signature validation failed']);
	});

	it('reads the credential once for many requests, and a rotated app secret works from its first request', async () => {
		const saved = { id: randomUUID(), reads: 0 };
		const signedWith = (secret: string) => encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'INIT' }, secret);
		for (let i = 0; i < 3; i++) {
			const { ctx, wire } = webhookContext(signedWith(APP_SECRET), {}, credential, saved);
			expect((await receiveEndpointRequest(ctx)).workflowData).toHaveLength(1);
			expect(wire.status).toBeUndefined();
		}
		expect(saved.reads).toBe(1);

		// The user saves a new app secret under the same credential; Meta signs with it at once.
		const rotated = { ...credential, appSecret: 'glue-new-app-secret-0123456789ab' };
		const { ctx, wire } = webhookContext(signedWith(rotated.appSecret), {}, rotated, saved);
		expect((await receiveEndpointRequest(ctx)).workflowData).toHaveLength(1);
		expect(wire.status).toBeUndefined();
		expect(saved.reads).toBe(2);
		// The old secret is no longer accepted once the credential was re-read.
		const old = webhookContext(signedWith(APP_SECRET), {}, rotated, saved);
		await receiveEndpointRequest(old.ctx);
		expect(old.wire.status).toBe(432);
	});

	it.each([
		['a wrong passphrase', { ...credential, passphrase: 'nope' }, {}, /Passphrase is wrong/],
		['token checks without a token secret', credential, { verifyFlowToken: true }, /no Flow Token Secret/],
		['no app secret', { ...credential, appSecret: '' }, {}, /no App Secret/],
	])('answers 500 for a misconfigured endpoint (%s) and says why in the log', async (_label, credentials, parameters, message) => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'INIT' }, APP_SECRET);
		const { ctx, wire, logs } = webhookContext(request, parameters, credentials);
		await receiveEndpointRequest(ctx);
		expect(wire.status).toBe(500);
		expect(logs.join('\n')).toMatch(message);
		expect(logs.join('\n')).not.toContain('PRIVATE KEY');
	});
});

describe('respond node glue', () => {
	function executeContext(inputItem: IDataObject, parameters: IDataObject, triggerItem?: IDataObject) {
		const sent: Array<{ body: Buffer; headers: Record<string, string>; statusCode: number }> = [];
		const credentialReads: string[] = [];
		const ctx = {
			getInputData: () => [{ json: inputItem }],
			getNode: () => ({ name: 'Respond', type: 'n8n-nodes-chatflow.chatflowFlowsRespond' }),
			getNodeParameter: (name: string, _index: number, fallback: unknown) => parameters[name] ?? fallback,
			getCredentials: async (type: string) => {
				credentialReads.push(type);
				return credential;
			},
			getParentNodes: () => (triggerItem ? [{ name: 'Endpoint', type: 'n8n-nodes-chatflow.chatflowFlowsEndpointTrigger', typeVersion: 1 }] : []),
			getWorkflowDataProxy: () => ({ $: () => ({ first: () => ({ json: triggerItem }) }) }),
			sendResponse: async (response: never) => void sent.push(response),
		} as unknown as IExecuteFunctions;
		return { ctx, sent, credentialReads };
	}

	async function triggerItemFor(request: EncryptedFlowRequest): Promise<IDataObject> {
		const { ctx } = webhookContext(request);
		return (await receiveEndpointRequest(ctx)).workflowData![0][0].json as IDataObject;
	}

	it('closes the Flow: params + the request\'s flow token, encrypted, text/plain', async () => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'data_exchange', screen: 'LAST', data: {}, flow_token: 'tok-1' }, APP_SECRET);
		const item = await triggerItemFor(request);
		const { ctx, sent, credentialReads } = executeContext(item, { respondWith: 'close', params: '{"order": 7}' });
		const output = await respondToFlow(ctx);
		expect(credentialReads).toEqual([]); // the trigger ran in this process: the AES key was cached
		expect(output[0][0]).toEqual({ json: item, binary: undefined, pairedItem: { item: 0 } });
		expect(sent).toHaveLength(1);
		expect(sent[0].statusCode).toBe(200);
		expect(sent[0].headers).toEqual({ 'content-type': 'text/plain' });
		expect(decryptFlowResponse(request, sent[0].body.toString())).toEqual({
			screen: 'SUCCESS',
			data: { extension_message_response: { params: { order: 7, flow_token: 'tok-1' } } },
		});
	});

	it('finds the request on the trigger output when the item was replaced, and re-derives the AES key', async () => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'data_exchange', screen: 'FIRST', data: {} }, APP_SECRET);
		const item = await triggerItemFor(request);
		forgetAesKeys(); // as on a queue-mode worker: nothing in this process
		const { ctx, sent, credentialReads } = executeContext({ replaced: true }, { respondWith: 'error', errorMessage: 'Not available', data: {} }, item);
		await respondToFlow(ctx);
		expect(credentialReads).toEqual(['chatflowFlowsEndpointApi']);
		expect(decryptFlowResponse(request, sent[0].body.toString())).toEqual({ screen: 'FIRST', data: { error_message: 'Not available' } });
	});

	it('refuses to answer without an endpoint request, or one the trigger already answered', async () => {
		await expect(respondToFlow(executeContext({ a: 1 }, { respondWith: 'nextScreen', screen: 'A' }).ctx)).rejects.toThrow(
			/must run after a "Chatflow WhatsApp Flows Endpoint Trigger"/,
		);
		const ping = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'ping' }, APP_SECRET);
		const { ctx } = webhookContext(ping, { options: { passPings: true } });
		const pingItem = (await receiveEndpointRequest(ctx)).workflowData![0][0].json as IDataObject;
		await expect(respondToFlow(executeContext(pingItem, { respondWith: 'nextScreen', screen: 'A' }).ctx)).rejects.toThrow(/already answered/);
	});

	it('reports invalid JSON parameters by name', async () => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'INIT' }, APP_SECRET);
		const item = await triggerItemFor(request);
		await expect(respondToFlow(executeContext(item, { respondWith: 'nextScreen', screen: 'A', data: '{oops' }).ctx)).rejects.toThrow(/^Data \(JSON\): must be a JSON object/);
	});
});
