/**
 * The Flow response node in n8n's real engine (in-process harness): create a token, verify it,
 * parse an answer that carries it, with a JSONata mapping; per-item errors under continueOnFail.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow, type WorkflowJson } from '../../support/harness';

const TOKEN_SECRET = 'harness-token-secret-0123456789abcdef';

function node(name: string, parameters: INodeParameters, x: number, extra: Record<string, unknown> = {}) {
	return { id: name, name, type: 'n8n-nodes-chatflow.chatflowFlowResponse', typeVersion: 1, position: [x, 0], parameters, ...extra };
}

async function run(nodes: Array<Record<string, unknown>>, input: unknown[], tokenSecret = TOKEN_SECRET) {
	const names = ['Start', ...nodes.map((entry) => String(entry.name))];
	const connections = Object.fromEntries(
		names.slice(0, -1).map((from, index) => [from, { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] }]),
	);
	return await runWorkflow({
		workflow: {
			nodes: [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, ...nodes],
			connections,
		} as unknown as WorkflowJson,
		credentials: { chatflowFlowsEndpointApi: { privateKey: '', passphrase: '', appSecret: '', previousAppSecret: '', tokenSecret } },
		input: input as never,
	});
}

describe('Chatflow WhatsApp Flow Response in the n8n engine', () => {
	it('creates a token per item, then parses answers carrying it, verified and mapped', async () => {
		const result = await run(
			[
				node('Create Token', { operation: 'createToken', context: '={{ JSON.stringify({ contact: $json.contact }) }}', expiresIn: 600 }, 200),
				{
					id: 'answer', name: 'Answer', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [400, 0],
					parameters: {
						mode: 'raw',
						jsonOutput: '={{ JSON.stringify({ interactive: { type: "nfm_reply", nfm_reply: { name: "flow", body: "Sent", response_json: JSON.stringify({ flow_token: $json.flowToken, screen_0_Email_0: $json.contact + "@example.com", screen_0_Consent_1: "0_Yes" }) } } }) }}',
						options: {},
					},
				},
				node('Parse', { operation: 'parse', foldBuilderKeys: true, verifyToken: true, jsonata: '{ "who": context.contact, "email": response.email, "consent": response.consent }' }, 600),
			],
			[{ contact: 'ana' }, { contact: 'bo' }],
		);
		expect(result.error?.message).toBeUndefined();
		expect(result.output('Parse')).toEqual([
			{ who: 'ana', email: 'ana@example.com', consent: 'Yes' },
			{ who: 'bo', email: 'bo@example.com', consent: 'Yes' },
		]);
	});

	it('verifies tokens per item and keeps going under continueOnFail', async () => {
		const created = await run([node('Create Token', { operation: 'createToken', context: '{"journey":"j1"}', expiresIn: 600 }, 200)], [{}]);
		const [{ flowToken }] = created.output('Create Token');
		const result = await run(
			[node('Verify', { operation: 'verifyToken', token: '={{ $json.flowToken }}', onInvalidToken: 'error' }, 200, { onError: 'continueRegularOutput' })],
			[{ flowToken }, { flowToken: `${String(flowToken)}x` }, { flowToken: 'unused' }],
		);
		const output = result.output('Verify');
		expect(output[0]).toMatchObject({ token: { status: 'ok', context: { journey: 'j1' } } });
		expect(output[1]).toMatchObject({ error: 'Token: flow token signature is invalid' });
		expect(output[2]).toMatchObject({ error: 'Token: flow token is not a token created by this package' });
	});

	it('says what to do when the credential has no token secret', async () => {
		const result = await run([node('Create Token', { operation: 'createToken', context: '{}', expiresIn: 60 }, 200)], [{}], '');
		expect(result.status).toBe('error');
		expect(String(result.error?.message)).toMatch(/Flow Token Secret is empty in the credential/);
	});
});
