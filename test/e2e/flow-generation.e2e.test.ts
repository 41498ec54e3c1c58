/**
 * Generate Flow JSON in the real n8n: n8n's own OpenAI Chat Model node, its credential's Base
 * URL pointed at the fake platform's scripted chat model, connected to the WhatsApp Flows node.
 * A first answer the validator rejects goes back to the model with its problems; the repaired
 * answer comes out as Flow JSON. A model that never gets it right fails the execution with
 * the problems that remain.
 */
import { randomUUID } from 'node:crypto';

import { chatMessages, CHAT_COMPLETIONS, FakePlatform, scriptChatModel } from '../../simulator/platform';
import { VALID_FLOW } from '../support/validFlowJson';
import { connectE2e, nodeType, type E2eContext } from './support/n8n';

describe('Generate Flow JSON with a chat model connected in n8n', () => {
	let n8n: E2eContext;
	let platform: FakePlatform;
	let modelCredential: { id: string; name: string };
	const workflowIds: string[] = [];

	beforeAll(async () => {
		n8n = await connectE2e();
		platform = await FakePlatform.start();
		modelCredential = await n8n.api.createCredential('openAiApi', `Scripted model ${randomUUID()}`, {
			apiKey: 'sk-scripted-test-key',
			url: `${platform.url}/v1`,
			header: false,
		});
	});

	afterAll(async () => {
		for (const id of workflowIds) await n8n.api.deleteWorkflow(id).catch(() => undefined);
		await platform?.close();
	});

	beforeEach(() => platform.reset());

	/** Webhook (POST { description }) → Generate Flow JSON, with the OpenAI Chat Model as its model. */
	async function generationWorkflow(maxRepairs: number): Promise<string> {
		const webhookId = randomUUID();
		const id = await n8n.api.createWorkflow({
			name: `generate flow ${webhookId}`,
			nodes: [
				{
					id: randomUUID(),
					name: 'Describe',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId,
					parameters: { httpMethod: 'POST', path: webhookId, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
				},
				{
					id: randomUUID(),
					name: 'Generate',
					type: nodeType('chatflowWhatsAppFlows'),
					typeVersion: 1,
					position: [300, 0],
					parameters: { operation: 'generate', flowDescription: '={{ $json.body.description }}', flowJsonVersion: '7.2', maxRepairs },
				},
				{
					id: randomUUID(),
					name: 'OpenAI Chat Model',
					type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
					typeVersion: 1.2,
					position: [300, 200],
					parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: {} },
					credentials: { openAiApi: modelCredential },
				},
			],
			connections: {
				Describe: { main: [[{ node: 'Generate', type: 'main', index: 0 }]] },
				'OpenAI Chat Model': { ai_languageModel: [[{ node: 'Generate', type: 'ai_languageModel', index: 0 }]] },
			},
		}, { webhooks: [{ path: webhookId, method: 'POST' }] });
		workflowIds.push(id);
		return webhookId;
	}

	// The Webhook node's path is its webhook id, so its production URL is /webhook/<id>.
	const askForFlow = (webhookId: string) =>
		fetch(`${n8n.state.url}/webhook/${webhookId}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ description: 'Ask for an email, then confirm it' }),
		});

	it('repairs an invalid first answer and outputs valid Flow JSON', async () => {
		const broken = { ...VALID_FLOW, screens: [{ ...VALID_FLOW.screens[0], id: 'contact-1' }, VALID_FLOW.screens[1]] };
		scriptChatModel(platform, [{ content: JSON.stringify(broken) }, { content: `\`\`\`json\n${JSON.stringify(VALID_FLOW)}\n\`\`\`` }]);
		const response = await askForFlow(await generationWorkflow(2));
		expect(response.status).toBe(200);
		const result = (await response.json()) as { flowJson: unknown; attempts: number; repairs: Array<Array<{ path: string }>> };
		expect(result.flowJson).toEqual(VALID_FLOW);
		expect(result.attempts).toBe(2);
		expect(result.repairs[0].map((issue) => issue.path)).toContain('screens[0].id');

		const asked = platform.received('POST', CHAT_COMPLETIONS);
		expect(asked).toHaveLength(2);
		expect(asked[0].headers.authorization).toBe('Bearer sk-scripted-test-key');
		expect(chatMessages(asked[0]).map((message) => message.role)).toEqual(['system', 'user']);
		expect(chatMessages(asked[0])[1].content).toContain('Ask for an email, then confirm it');
		const repair = chatMessages(asked[1]);
		expect(repair.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
		expect(repair[3].content).toContain('screens[0].id');
	});

	it('fails the execution with the remaining problems when the repairs run out', async () => {
		scriptChatModel(platform, [{ content: '{"version": "7.2"}' }, { content: '{"version": "7.2", "screens": []}' }]);
		const webhookId = await generationWorkflow(1);
		const response = await askForFlow(webhookId);
		expect(response.status).toBe(500);
		const workflowId = workflowIds[workflowIds.length - 1];
		const [failed] = await n8n.api.failedExecutions(workflowId);
		const error = failed.data?.resultData.error as { message?: string } | undefined;
		expect(error?.message).toMatch(/still not valid after 2 attempts: screens: .*at least one screen/);
		expect(platform.received('POST', CHAT_COMPLETIONS)).toHaveLength(2);
	});
});
