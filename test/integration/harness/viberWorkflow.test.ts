import type { IDataObject, INode } from 'n8n-workflow';

import { FakePlatform } from '../../../simulator/platform';
import { loadWorkflowFixture, runWorkflow, type WorkflowJson } from '../../support/harness';

// ManualTrigger (n8n-nodes-base) → Chatflow Viber (send text, real HTTP) → NoOp, run through
// n8n-core's WorkflowExecute. The token reaches FakePlatform only through the credential's own
// `authenticate` block, so a harness that skipped it would fail the token check.
const TOKEN = '4a5f7c3e2b1d0e9f-harness-token';
const VIBER = 'Send Viber text';

let platform: FakePlatform;

beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedViberTokens: [TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => platform.reset());

const credentials = (authToken = TOKEN) => ({
	chatflowViberApi: { authToken, senderName: 'Harness Bot', baseUrl: platform.url },
});

function withViberNode(change: (node: INode) => void): WorkflowJson {
	const workflow = loadWorkflowFixture('viber-send-text');
	change(workflow.nodes.find((node) => node.name === VIBER) as INode);
	return workflow;
}

describe('fixture workflow: manual trigger → Chatflow Viber → NoOp', () => {
	test('sends the text over real HTTP with the credential-applied auth header, and outputs the send', async () => {
		const result = await runWorkflow({
			workflow: loadWorkflowFixture('viber-send-text'),
			credentials: credentials(),
			input: [{ viberUserId: 'uA1b2C3d4E5f6G7h8I9j0k==', name: 'Ann' }],
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(["When clicking 'Execute workflow'", VIBER, 'Done']);

		const [sent] = platform.received('POST', '/send_message');
		expect(platform.requests).toHaveLength(1);
		expect(sent.headers['x-viber-auth-token']).toBe(TOKEN);
		expect(sent.json).toEqual({
			receiver: 'uA1b2C3d4E5f6G7h8I9j0k==',
			sender: { name: 'Harness Bot' },
			type: 'text',
			text: 'Hello Ann', // the node's expression, resolved by n8n's expression engine
		});

		const [output] = result.output(VIBER);
		expect(output).toMatchObject({ channel: 'viber', recipientId: 'uA1b2C3d4E5f6G7h8I9j0k==', type: 'text' });
		expect(output.messageId).toMatch(/^\d+$/);
		expect(result.output('Done')).toEqual([output]);
		// The token is a secret: it must not appear in output data or in anything logged.
		expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain(TOKEN);
		expect(JSON.stringify(result.logs)).not.toContain(TOKEN);
	});

	test('every input item is sent, output order equals input order, pairedItem set', async () => {
		const users = ['u1==', 'u2==', 'u3==', 'u4=='];
		const result = await runWorkflow({
			workflow: loadWorkflowFixture('viber-send-text'),
			credentials: credentials(),
			input: users.map((viberUserId, i) => ({ viberUserId, name: `User ${i}` })),
		});

		expect(result.status).toBe('success');
		expect(result.output(VIBER).map((item) => item.recipientId)).toEqual(users);
		expect(result.outputs(VIBER)[0].map((item) => item.pairedItem)).toEqual(users.map((_, item) => ({ item })));
		const sentTo = platform.received('POST', '/send_message').map((request) => (request.json as IDataObject).receiver);
		expect([...sentTo].sort()).toEqual([...users].sort());
	});

	test('a credential reference by id/name in the JSON resolves to the data given by type', async () => {
		const workflow = loadWorkflowFixture('viber-send-text');
		expect(workflow.nodes[1].credentials?.chatflowViberApi.id).toBe('a1B2c3D4e5F6g7H8');
		const result = await runWorkflow({ workflow, credentials: credentials('not-the-accepted-token') });

		// FakePlatform rejects the wrong token the way Viber does (HTTP 200, status 2).
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Viber send_message failed with status 2 (invalidAuthToken)');
		expect(platform.requests[0].headers['x-viber-auth-token']).toBe('not-the-accepted-token');
	});

	test('a missing credential fails the node with a message naming the type', async () => {
		const result = await runWorkflow({ workflow: loadWorkflowFixture('viber-send-text'), credentials: {} });

		expect(result.status).toBe('error');
		expect(result.nodeError(VIBER)?.message).toContain('chatflowViberApi');
		expect(platform.requests).toHaveLength(0);
	});
});

describe('error path', () => {
	const scriptNotSubscribed = () =>
		platform.once('POST', '/send_message', { json: { status: 6, status_message: 'receiverNotSubscribed' } });

	test('a platform error stops the run with the node\'s NodeApiError', async () => {
		scriptNotSubscribed();
		const result = await runWorkflow({ workflow: loadWorkflowFixture('viber-send-text'), credentials: credentials() });

		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Viber send_message failed with status 6 (receiverNotSubscribed)');
		expect(result.error?.description).toContain('not subscribed');
		expect(result.nodeError(VIBER)?.message).toBe(result.error?.message);
		expect(result.executedNodes).not.toContain('Done');
		expect(result.run.data.resultData.lastNodeExecuted).toBe(VIBER);
	});

	test("onError 'continueRegularOutput': the failed item carries the error, the others go through", async () => {
		platform.once('POST', '/send_message', (request) =>
			(request.json as IDataObject).receiver === 'bad=='
				? { json: { status: 6, status_message: 'receiverNotSubscribed' } }
				: { json: { status: 0, status_message: 'ok', message_token: 1 } },
		);
		const workflow = withViberNode((node) => {
			node.onError = 'continueRegularOutput';
			node.parameters.options = { maxRetries: 0, concurrency: 1 };
		});
		const result = await runWorkflow({
			workflow,
			credentials: credentials(),
			input: [{ viberUserId: 'bad==' }, { viberUserId: 'good==' }],
		});

		expect(result.status).toBe('success');
		const [failed, sent] = result.output('Done');
		expect(failed).toEqual({
			error: 'Viber send_message failed with status 6 (receiverNotSubscribed)',
			viberStatus: 6,
			viberStatusName: 'receiverNotSubscribed',
		});
		expect(sent).toMatchObject({ channel: 'viber', recipientId: 'good==' });
	});

	function withErrorOutput(): WorkflowJson {
		const workflow = withViberNode((node) => {
			node.onError = 'continueErrorOutput';
		});
		workflow.nodes.push({ id: 'e1', name: 'On failure', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [440, 200], parameters: {} });
		workflow.connections[VIBER].main.push([{ node: 'On failure', type: 'main', index: 0 }]);
		return workflow;
	}

	test("onError 'continueErrorOutput': a failed item leaves on the error output, the others on the main output", async () => {
		// A dropped connection: the node's failed item is n8n's plain `{ error }` shape.
		platform.once('POST', '/send_message', (request) =>
			(request.json as IDataObject).receiver === 'unreachable==' ? { dropConnection: true } : { json: { status: 0, message_token: 7 } },
		);
		const result = await runWorkflow({
			workflow: withErrorOutput(),
			credentials: credentials(),
			input: [{ viberUserId: 'unreachable==' }, { viberUserId: 'fine==' }],
		});

		expect(result.status).toBe('success');
		expect(result.output(VIBER, 0)).toEqual([expect.objectContaining({ recipientId: 'fine==' })]);
		expect(result.output(VIBER, 1)).toEqual([
			// n8n merges the failed item's input json into it on the error output.
			expect.objectContaining({ viberUserId: 'unreachable==', error: expect.any(String) }),
		]);
		expect(result.output('On failure')).toEqual(result.output(VIBER, 1));
		expect(result.output('Done')).toEqual(result.output(VIBER, 0));
	});

	// KNOWN BUG (nodes/shared/concurrency/executeItems.ts, not the harness): n8n moves a failed item
	// to the error output only when the item has `error` set (INodeExecutionData.error) or its json
	// has no keys but error/message/details; the Viber node adds viberStatus/viberStatusName, so a
	// platform error stays on the success output. When this test starts failing, the bug is
	// fixed: change `test.failing` to `test`.
	test.failing("onError 'continueErrorOutput': a Viber status error leaves on the error output", async () => {
		scriptNotSubscribed();
		const result = await runWorkflow({ workflow: withErrorOutput(), credentials: credentials(), input: [{ viberUserId: 'gone==' }] });

		expect(result.status).toBe('success');
		expect(result.output(VIBER, 0)).toEqual([]);
		expect(result.output('On failure')).toEqual([expect.objectContaining({ viberStatus: 6 })]);
	});
});
