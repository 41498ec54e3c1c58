import type { IDataObject } from 'n8n-workflow';

import { FakePlatform, graphError } from '../../../simulator/platform';
import { runWorkflow, type WorkflowJson } from '../../support/harness';

// Chatflow Messenger and Chatflow Instagram inside n8n-core's real engine: expressions per item,
// the credentials' own authenticate blocks, node-level "continue on error", pairedItem.
const PAGE_TOKEN = 'EAAG-harness-page-token';
const IG_TOKEN = 'IGAA-harness-token';
const PAGE = '105954558954427';
const IG = '17841405822304914';

let platform: FakePlatform;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [PAGE_TOKEN, IG_TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => platform.reset());

function workflow(type: string, parameters: IDataObject, onError?: string): WorkflowJson {
	return {
		nodes: [
			{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 's', name: 'Send', type, typeVersion: 1, position: [200, 0], parameters, ...(onError ? { onError } : {}) },
		],
		connections: { Start: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
	} as WorkflowJson;
}

const withBase = () => ({
	chatflowMessengerApi: { pageId: PAGE, accessToken: PAGE_TOKEN, apiVersion: 'v26.0', baseUrl: platform.url },
	chatflowInstagramApi: { route: 'instagramLogin', accountId: IG, accessToken: IG_TOKEN, apiVersion: 'v26.0', baseUrl: platform.url },
});

describe('Messenger and Instagram nodes in the real n8n engine', () => {
	it('Messenger: one send per item with expressions; a Meta refusal fails only its item under continue on error', async () => {
		platform.on('POST', `/v26.0/${PAGE}/messages`, (request) => {
			const body = request.json as { recipient: { id: string } };
			return body.recipient.id === 'gone' ? graphError(551, "This person isn't available right now.") : { json: { recipient_id: body.recipient.id, message_id: `m_${body.recipient.id}` } };
		});
		const result = await runWorkflow({
			workflow: workflow(
				'n8n-nodes-chatflow.chatflowMessenger',
				{
					resource: 'message',
					operation: 'send',
					recipientId: '={{ $json.psid }}',
					messageType: 'text',
					text: '=Hi {{ $json.name }}',
					quickReplies: { reply: [{ contentType: 'text', title: 'Menu', payload: '={{ "MENU:" + $json.psid }}' }] },
					options: { retryDelayMs: 1 },
				},
				'continueRegularOutput',
			),
			credentials: withBase(),
			input: [
				{ psid: 'p1', name: 'Ann' },
				{ psid: 'gone', name: 'Bob' },
				{ psid: 'p3', name: 'Cy' },
			],
		});
		expect(result.status).toBe('success');
		const [items] = result.outputs('Send');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ channel: 'messenger', messageId: 'm_p1', recipientId: 'p1' });
		expect(items[1].json).toMatchObject({ error: expect.stringContaining('551'), errorDetails: { code: 551 } });
		expect(items[2].json).toMatchObject({ messageId: 'm_p3' });
		const bodies = platform.received('POST', `/v26.0/${PAGE}/messages`).map((request) => request.json as IDataObject);
		expect(bodies.find((body) => (body.recipient as IDataObject).id === 'p3')).toEqual({
			recipient: { id: 'p3' },
			messaging_type: 'RESPONSE',
			message: { text: 'Hi Cy', quick_replies: [{ content_type: 'text', title: 'Menu', payload: 'MENU:p3' }] },
		});
		expect(platform.received('POST', `/v26.0/${PAGE}/messages`).every((request) => request.headers.authorization === `Bearer ${PAGE_TOKEN}`)).toBe(true);
		expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain(PAGE_TOKEN);
	});

	it('Instagram: a limit error stops the run with the field named, before any request', async () => {
		const result = await runWorkflow({
			workflow: workflow('n8n-nodes-chatflow.chatflowInstagram', {
				resource: 'message',
				operation: 'send',
				recipientId: 'igsid',
				messageType: 'text',
				text: '={{ "😀".repeat(300) }}',
			}),
			credentials: withBase(),
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Send')?.message).toBe('message.text: at most 1000 bytes of UTF-8 (got 1200)');
		expect(platform.requests).toHaveLength(0);
	});

	it('Instagram: like-heart sticker to the sender of each item', async () => {
		const result = await runWorkflow({
			workflow: workflow('n8n-nodes-chatflow.chatflowInstagram', { resource: 'message', operation: 'send', recipientId: '={{ $json.contact.id }}', messageType: 'likeHeart' }),
			credentials: withBase(),
			input: [{ contact: { id: 'a' } }, { contact: { id: 'b' } }],
		});
		expect(result.status).toBe('success');
		// Items run in parallel: compare the requests in recipient order.
		const bodies = platform.received('POST', `/v26.0/${IG}/messages`).map((request) => request.json as { recipient: { id: string } });
		expect(bodies.sort((x, y) => x.recipient.id.localeCompare(y.recipient.id))).toEqual([
			{ recipient: { id: 'a' }, messaging_type: 'RESPONSE', message: { attachment: { type: 'like_heart' } } },
			{ recipient: { id: 'b' }, messaging_type: 'RESPONSE', message: { attachment: { type: 'like_heart' } } },
		]);
		expect(result.output('Send').map((item) => item.recipientId)).toEqual(['a', 'b']);
	});
});
