/**
 * Chatflow WhatsApp in the real n8n: a Webhook-started workflow sends a text and a list to the
 * contacts it receives, through FakePlatform (real HTTP on loopback). Checks what FakePlatform
 * received byte for byte, the node's output in the saved execution, per-item continueOnFail
 * with Meta's code and fbtrace_id, and that the access token is nowhere in executions or log.
 */
import { randomUUID } from 'node:crypto';

import { FakePlatform, graphError, type RecordedRequest } from '../../simulator/platform';
import { connectE2e, nodeType, type E2eContext } from './support/n8n';

const TOKEN = `EAAG-wa-e2e-${randomUUID()}`;
const PHONE_ID = '106540352242922';
const WABA_ID = '102290129340398';

describe('Chatflow WhatsApp in a real n8n', () => {
	let n8n: E2eContext;
	let platform: FakePlatform;
	let workflowId: string;
	const webhookId = randomUUID();

	beforeAll(async () => {
		n8n = await connectE2e();
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
		platform.on('POST', `/:v/${PHONE_ID}/messages`, (request: RecordedRequest) => {
			const to = (request.json as { to: string }).to;
			if (to === '15550000009') return graphError(131047, 'Re-engagement message');
			return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.${to}.${(request.json as { type: string }).type}` }] } };
		});
		const credential = await n8n.api.createCredential('chatflowWhatsAppApi', 'whatsapp e2e', {
			accessToken: TOKEN,
			businessAccountId: WABA_ID,
			phoneNumberId: PHONE_ID,
			apiVersion: 'v26.0',
			baseUrl: platform.url,
		});
		const credentials = { chatflowWhatsAppApi: { id: credential.id, name: credential.name } };
		workflowId = await n8n.api.createWorkflow(
			{
				name: `chatflow whatsapp e2e ${webhookId}`,
				nodes: [
					{
						id: randomUUID(),
						name: 'Contacts',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: [0, 0],
						webhookId,
						parameters: { httpMethod: 'POST', path: webhookId, responseMode: 'onReceived', options: {} },
					},
					{
						id: randomUUID(),
						name: 'One per contact',
						type: 'n8n-nodes-base.splitOut',
						typeVersion: 1,
						position: [200, 0],
						parameters: { fieldToSplitOut: 'body.contacts', options: {} },
					},
					{
						id: randomUUID(),
						name: 'Say hello',
						type: nodeType('chatflowWhatsApp'),
						// Saved with version 1 (its "Throughput" settings and failed-item shape): such workflows keep running.
						typeVersion: 1,
						position: [400, 0],
						onError: 'continueRegularOutput',
						parameters: {
							resource: 'message',
							operation: 'sendText',
							phoneNumberId: { __rl: true, mode: 'list', value: '' },
							to: '={{ $json.phone }}',
							text: '=Hello {{ $json.name }}',
							previewUrl: false,
							throughput: { messagesPerSecond: 200, concurrency: 10 },
						},
						credentials,
					},
					{
						id: randomUUID(),
						name: 'Offer menu',
						type: nodeType('chatflowWhatsApp'),
						typeVersion: 1,
						position: [600, 0],
						onError: 'continueRegularOutput',
						parameters: {
							resource: 'message',
							operation: 'sendList',
							phoneNumberId: { __rl: true, mode: 'id', value: PHONE_ID },
							to: '={{ $json.recipientId }}',
							headerType: 'text',
							headerText: 'Menu',
							body: 'What would you like?',
							footer: '',
							listButton: 'Open',
							rows: { row: [{ section: '', id: 'tea', title: 'Tea', description: '' }, { section: '', id: 'cake', title: 'Cake', description: 'Fresh' }] },
						},
						credentials,
					},
				],
				connections: {
					Contacts: { main: [[{ node: 'One per contact', type: 'main', index: 0 }]] },
					'One per contact': { main: [[{ node: 'Say hello', type: 'main', index: 0 }]] },
					'Say hello': { main: [[{ node: 'Offer menu', type: 'main', index: 0 }]] },
				},
			},
			{ webhooks: [{ path: webhookId }] },
		);
	});

	afterAll(async () => {
		if (workflowId) await n8n.api.deactivate(workflowId).catch(() => undefined);
		await platform?.close();
	});

	it('sends a text per contact, continues past a 131047 failure, and leaks no token', async () => {
		const contacts = [
			{ phone: '+1 555 000 0001', name: 'Ada' },
			{ phone: '+1 555 000 0009', name: 'Old contact' },
			{ phone: '+1 555 000 0002', name: 'Grace' },
		];
		const response = await fetch(`${n8n.state.url}/webhook/${webhookId}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ contacts }),
		});
		expect(response.status).toBe(200);
		const [execution] = await n8n.api.waitForExecutions(workflowId, 1);
		const [hello] = n8n.output(execution, 'Say hello');
		expect(hello.map((item) => item.messageId ?? item.error)).toEqual([
			'wamid.15550000001.text',
			'Graph API error 131047: Re-engagement message',
			'wamid.15550000002.text',
		]);
		expect((hello[1].errorDetails as { fbtrace_id?: string }).fbtrace_id).toMatch(/^A/);
		const texts = platform.received('POST', `/v26.0/${PHONE_ID}/messages`).filter((r) => (r.json as { type: string }).type === 'text');
		expect(texts.map((r) => r.body.toString()).sort()).toEqual(
			[
				'{"messaging_product":"whatsapp","recipient_type":"individual","to":"15550000001","type":"text","text":{"preview_url":false,"body":"Hello Ada"}}',
				'{"messaging_product":"whatsapp","recipient_type":"individual","to":"15550000009","type":"text","text":{"preview_url":false,"body":"Hello Old contact"}}',
				'{"messaging_product":"whatsapp","recipient_type":"individual","to":"15550000002","type":"text","text":{"preview_url":false,"body":"Hello Grace"}}',
			].sort(),
		);
		expect(texts.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
		// the next node answers with a list to the wa_id of each sent item; the failed item has none
		const [menu] = n8n.output(execution, 'Offer menu');
		expect(menu.map((item) => item.messageId ?? item.error)).toEqual(['wamid.15550000001.interactive', 'to: is required', 'wamid.15550000002.interactive']);
		const lists = platform.received('POST', `/v26.0/${PHONE_ID}/messages`).filter((r) => (r.json as { type: string }).type === 'interactive');
		expect(lists.map((r) => r.body.toString())).toContain(
			'{"messaging_product":"whatsapp","recipient_type":"individual","to":"15550000001","type":"interactive","interactive":{"type":"list","header":{"type":"text","text":"Menu"},"body":{"text":"What would you like?"},"action":{"button":"Open","sections":[{"rows":[{"id":"tea","title":"Tea"},{"id":"cake","title":"Cake","description":"Fresh"}]}]}}}',
		);
		expect(JSON.stringify(execution)).not.toContain(TOKEN);
		expect(n8n.logs()).not.toContain(TOKEN);
	});
});
