/**
 * examples/support-diagnostic in the real n8n, one journey end to end with the bytes each side
 * really sends: a message starts the diagnosis (a Flow message with a signed token), the Flow
 * client calls the endpoint workflow with that token (real RSA/AES, signed), WhatsApp delivers
 * the closed Flow's answer, which is parsed, verified and mapped with JSONata, and the feedback
 * survey follows; its answer is mapped again and thanked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createFlowToken, verifyFlowToken } from '../../nodes/shared/flows';
import { validateFlowJson } from '../../nodes/WhatsAppFlows/flowJsonValidation';
import { FakePlatform, type RecordedRequest } from '../../simulator/platform';
import {
	createChannelCredentials,
	createFlowsEndpointCredential,
	EXAMPLES_DIR,
	importAndActivate,
	PHONE_NUMBER_ID,
	postSigned,
	prepareExample,
	readExample,
	settle,
	whatsAppFlowAnswer,
	whatsAppMessage,
	type FlowsEndpointKit,
	type PreparedExample,
} from './examples-support';
import { connectE2e, type E2eContext } from './support/n8n';

const CUSTOMER = '16505551234';

let n8n: E2eContext;
let platform: FakePlatform;
let flows: FlowsEndpointKit;
let endpoint: PreparedExample;
let messages: PreparedExample;
let messagesWorkflowId: string;
const workflowIds: string[] = [];

function flowJson(file: string): { screens: Array<{ id: string; data?: Record<string, unknown> }> } {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, 'support-diagnostic', file), 'utf8'));
}

async function callEndpoint(payload: Record<string, unknown>): Promise<{ status: number; answer: unknown; text: string }> {
	return await flows.call(n8n.api.webhookUrl(endpoint.webhookIds['Diagnostic Flow Endpoint'], 'flows'), payload);
}

const flowAnswer = (responseJson: Record<string, unknown>) => whatsAppFlowAnswer(CUSTOMER, responseJson);

async function deliver(body: unknown): Promise<void> {
	const url = n8n.api.webhookUrl(messages.webhookIds['WhatsApp Trigger'], 'webhook');
	expect(await postSigned(url, 'whatsapp', body)).toEqual({ status: 200, text: 'OK' });
}

/** Ids of the messages workflow's executions, once none is still running. */
async function settledExecutionIds(): Promise<string[]> {
	return (await n8n.api.settledExecutions(messagesWorkflowId)).map((execution) => execution.id);
}

async function nextSend(): Promise<RecordedRequest> {
	const [send] = await platform.waitFor('POST', `/v26.0/${PHONE_NUMBER_ID}/messages`, 1, 20_000);
	return send;
}

beforeAll(async () => {
	n8n = await connectE2e();
	platform = await FakePlatform.start();
	const credentials = await createChannelCredentials(n8n, platform);
	flows = await createFlowsEndpointCredential(n8n);
	credentials.chatflowFlowsEndpointApi = flows.credential;
	endpoint = prepareExample(readExample('support-diagnostic', 'endpoint.json'), credentials);
	messages = prepareExample(readExample('support-diagnostic'), credentials);
	workflowIds.push(await importAndActivate(n8n, endpoint));
	messagesWorkflowId = await importAndActivate(n8n, messages);
	workflowIds.push(messagesWorkflowId);
});

afterAll(async () => {
	for (const id of workflowIds) await n8n.api.deactivate(id).catch(() => undefined);
	await platform?.close();
});

beforeEach(() => platform.reset());

describe('examples/support-diagnostic: the Flow JSON files', () => {
	it('pass the package\'s Flow JSON validation', () => {
		expect(validateFlowJson(readFileSync(join(EXAMPLES_DIR, 'support-diagnostic', 'diagnostic-flow.json'), 'utf8'))).toEqual([]);
		expect(validateFlowJson(readFileSync(join(EXAMPLES_DIR, 'support-diagnostic', 'feedback-flow.json'), 'utf8'))).toEqual([]);
	});
});

describe('examples/support-diagnostic: one journey', () => {
	let diagnosticToken: string;
	let feedbackToken: string;

	it('a message gets the diagnostic Flow, with a signed token naming the contact and the journey', async () => {
		await deliver(whatsAppMessage(CUSTOMER, { type: 'text', text: { body: 'My internet is down' } }));
		const send = await nextSend();
		const interactive = (send.json as { interactive: Record<string, unknown> }).interactive;
		expect(interactive).toMatchObject({
			type: 'flow',
			header: { type: 'text', text: 'Support' },
			body: { text: 'Hi Ada Lovelace! Tell us what is wrong and we will suggest a fix right away.' },
			action: {
				name: 'flow',
				parameters: { flow_message_version: '3', flow_name: 'support_diagnostic', flow_cta: 'Start diagnosis', mode: 'published', flow_action: 'data_exchange' },
			},
		});
		diagnosticToken = (interactive.action as { parameters: { flow_token: string } }).parameters.flow_token;
		expect(verifyFlowToken(flows.tokenSecret, diagnosticToken)).toMatchObject({ status: 'ok', context: { contact: CUSTOMER, journey: 'diagnostic' } });
	});

	it('the endpoint answers the Flow with that token: products, a fix for the choice, then closes with the diagnosis', async () => {
		expect((await callEndpoint({ action: 'ping' })).answer).toEqual({ data: { status: 'active' } });

		const init = await callEndpoint({ action: 'INIT', flow_token: diagnosticToken });
		expect(init.answer).toMatchObject({ screen: 'PRODUCT', data: { products: expect.arrayContaining([{ id: 'router', title: 'Router' }]) } });
		// What the endpoint sends is what the Flow JSON declares for the screen.
		const declared = Object.fromEntries(flowJson('diagnostic-flow.json').screens.map((screen) => [screen.id, Object.keys(screen.data ?? {}).sort()]));
		expect(Object.keys((init.answer as { data: object }).data).sort()).toEqual(declared.PRODUCT);

		const fix = await callEndpoint({ action: 'data_exchange', screen: 'PRODUCT', data: { product: 'router', symptom: 'no_connection' }, flow_token: diagnosticToken });
		expect(fix.answer).toEqual({
			screen: 'SOLUTION',
			data: { product: 'router', symptom: 'no_connection', steps: expect.stringMatching(/^Unplug the router for 30 seconds/) },
		});
		expect(Object.keys((fix.answer as { data: object }).data).sort()).toEqual(declared.SOLUTION);

		const unknown = await callEndpoint({ action: 'data_exchange', screen: 'PRODUCT', data: { product: 'toaster', symptom: 'slow' }, flow_token: diagnosticToken });
		expect(unknown.answer).toMatchObject({ screen: 'SOLUTION', data: { steps: 'We could not find a fix for this. A colleague will help you.' } });

		const done = await callEndpoint({ action: 'data_exchange', screen: 'SOLUTION', data: { product: 'router', symptom: 'no_connection', resolved: 'yes' }, flow_token: diagnosticToken });
		expect(done.answer).toEqual({
			screen: 'SUCCESS',
			data: { extension_message_response: { params: { journey: 'diagnostic', product: 'router', symptom: 'no_connection', resolved: 'yes', flow_token: diagnosticToken } } },
		});
	});

	it('the endpoint refuses an expired token (427) and answers an unknown step with an error message', async () => {
		const expired = createFlowToken(flows.tokenSecret, { contact: CUSTOMER, journey: 'diagnostic' }, 1, Date.now() - 10_000);
		expect((await callEndpoint({ action: 'INIT', flow_token: expired })).status).toBe(427);
		const lost = await callEndpoint({ action: 'BACK', screen: 'SOLUTION', flow_token: diagnosticToken });
		expect(lost.answer).toEqual({ screen: 'SOLUTION', data: { error_message: 'Something went wrong. Please close the form and try again.' } });
	});

	it('a resolved diagnosis is answered with the feedback survey Flow', async () => {
		await deliver(flowAnswer({ journey: 'diagnostic', product: 'router', symptom: 'no_connection', resolved: 'yes', flow_token: diagnosticToken }));
		const send = await nextSend();
		const parameters = (send.json as { to: string; interactive: { action: { parameters: Record<string, unknown> } } }).interactive.action.parameters;
		expect((send.json as { to: string }).to).toBe(CUSTOMER);
		expect(parameters).toMatchObject({ flow_name: 'support_feedback', flow_action: 'navigate', flow_action_payload: { screen: 'RATE' }, flow_cta: 'Rate us' });
		feedbackToken = parameters.flow_token as string;
		expect(verifyFlowToken(flows.tokenSecret, feedbackToken)).toMatchObject({ status: 'ok', context: { contact: CUSTOMER, journey: 'feedback', product: 'router' } });
	});

	it('an unresolved diagnosis is handed over with the diagnosis in the message', async () => {
		await deliver(flowAnswer({ journey: 'diagnostic', product: 'app', symptom: 'slow', resolved: 'no', flow_token: diagnosticToken }));
		const send = await nextSend();
		expect(send.json).toMatchObject({
			to: CUSTOMER,
			type: 'text',
			text: { body: 'Sorry that did not help. A colleague has your diagnosis (app, slow) and will write to you here within 2 hours.' },
		});
	});

	it('the survey answer (Flow Builder keys) is folded and mapped by JSONata, then thanked', async () => {
		const before = await settledExecutionIds();
		await deliver(flowAnswer({ flow_token: feedbackToken, screen_0_Rating_0: '5_Excellent', screen_0_Comment_1: 'Fast and friendly', journey: 'feedback' }));
		const send = await nextSend();
		expect(send.json).toMatchObject({ to: CUSTOMER, type: 'text', text: { body: 'Thank you for the 5 stars!' } });
		const execution = await n8n.api.waitForNewExecution(messagesWorkflowId, before);
		expect(n8n.output(execution, 'Read Feedback')[0]).toEqual([
			{ contact: CUSTOMER, journey: 'feedback', rating: 5, ratingLabel: 'Excellent', comment: 'Fast and friendly' },
		]);
	});

	it('a survey answer with a forged token fails in Read Feedback and thanks nobody', async () => {
		const before = await settledExecutionIds();
		const forged = createFlowToken('not-our-secret-but-long-enough-0123456789', { contact: CUSTOMER, journey: 'feedback' }, 3600);
		await deliver(flowAnswer({ flow_token: forged, screen_0_Rating_0: '1_Very_poor', journey: 'feedback' }));
		const last = await n8n.api.waitForNewExecution(messagesWorkflowId, before);
		expect(last.status).toBe('error');
		expect(last.data?.resultData.lastNodeExecuted).toBe('Read Feedback');
		await settle(platform);
		expect(platform.received('POST', /\/messages$/)).toHaveLength(0);
	});
});
