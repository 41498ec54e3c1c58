/**
 * Messenger, Instagram and Viber end to end in the real n8n: for each channel a workflow whose
 * trigger receives a signed inbound message and whose action node answers on the same channel
 * through FakePlatform (real HTTP on loopback). The request FakePlatform received is checked
 * against the channel's reference shape, the execution's output against the shared output keys,
 * and n8n's executions and log are searched for every secret of the run.
 *
 * Every case runs twice: as a workflow saved with version 1 of the trigger and the action node
 * (the action's settings in "Options"), and with the current versions ("Message Options" and
 * "Run Options"). Both must send exactly the same request.
 */
import { randomUUID } from 'node:crypto';

import { FakePlatform } from '../../simulator/platform';
import { fixtureBytes, signatureHeaders } from '../support/webhookFixtures';
import { connectE2e, nodeType, type E2eContext } from './support/n8n';

const APP_SECRET = `app-secret-${randomUUID()}`;
const PAGE_TOKEN = `EAAG-page-${randomUUID()}`;
const IG_TOKEN = `IGAA-${randomUUID()}`;
const VIBER_TOKEN = `viber-${randomUUID()}`;
const PAGE_ID = '107714394487210';
const IG_ID = '17841405822304914';

type Channel = 'messenger' | 'instagram' | 'viber';
type Version = 1 | 2;
const VERSIONS: Version[] = [1, 2];

interface ChannelCase {
	channel: Channel;
	fixture: string;
	trigger: string;
	triggerCredentials: Record<string, { id: string; name: string }>;
	actionType: string;
	actionCredentials: Record<string, { id: string; name: string }>;
	/** The action node's parameters as each version saves them. */
	answer: Record<Version, Record<string, unknown>>;
	/** Extra nodes after the answer (Instagram also reacts to the message). */
	extra?: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials: Record<string, { id: string; name: string }> }>;
}

/** The parameters both versions share, plus what each version saves on its own. */
function versions(common: Record<string, unknown>, version1: Record<string, unknown>, version2: Record<string, unknown>): ChannelCase['answer'] {
	return { 1: { ...common, ...version1 }, 2: { ...common, ...version2 } };
}

function workflow(c: ChannelCase, version: Version, webhookId: string) {
	const nodes = [
		{
			id: randomUUID(),
			name: 'Inbound',
			type: nodeType(c.trigger),
			typeVersion: version,
			position: [0, 0],
			webhookId,
			parameters: { registration: 'manual', events: ['message'] },
			credentials: c.triggerCredentials,
		},
		{
			id: randomUUID(),
			name: 'Answer',
			type: nodeType(c.actionType),
			typeVersion: version,
			position: [300, 0],
			parameters: c.answer[version],
			credentials: c.actionCredentials,
		},
		...(c.extra ?? []).map((node, index) => ({ id: randomUUID(), typeVersion: version, position: [600 + index * 300, 0], ...node })),
	];
	const chain = nodes.map((node) => node.name);
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < chain.length; i++) connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	return { name: `chatflow ${c.channel} echo (version ${version}) ${webhookId}`, nodes, connections };
}

describe('answering on the channel the contact wrote from, in a real n8n', () => {
	let n8n: E2eContext;
	let platform: FakePlatform;
	const cases: ChannelCase[] = [];
	const workflows = new Map<string, { id: string; webhookId: string }>();
	const key = (channel: Channel, version: Version) => `${channel}@${version}`;

	beforeAll(async () => {
		n8n = await connectE2e();
		platform = await FakePlatform.start({ acceptedTokens: [PAGE_TOKEN, IG_TOKEN], acceptedViberTokens: [VIBER_TOKEN] });
		const ref = (credential: { id: string; name: string }) => ({ id: credential.id, name: credential.name });
		const metaApp = ref(
			await n8n.api.createCredential('chatflowMetaAppApi', 'meta app e2e', {
				appId: '1234567890',
				appSecret: APP_SECRET,
				verifyToken: `verify-${randomUUID()}`,
				apiVersion: 'v26.0',
				baseUrl: platform.url,
			}),
		);
		const messenger = ref(
			await n8n.api.createCredential('chatflowMessengerApi', 'messenger e2e', { pageId: PAGE_ID, accessToken: PAGE_TOKEN, apiVersion: 'v26.0', baseUrl: platform.url }),
		);
		const instagram = ref(
			await n8n.api.createCredential('chatflowInstagramApi', 'instagram e2e', {
				route: 'instagramLogin',
				accountId: IG_ID,
				accessToken: IG_TOKEN,
				apiVersion: 'v26.0',
				baseUrl: platform.url,
			}),
		);
		const viber = ref(
			await n8n.api.createCredential('chatflowViberApi', 'viber e2e', { authToken: VIBER_TOKEN, senderName: 'Chatflow Bot', senderAvatar: '', baseUrl: platform.url }),
		);

		cases.push(
			{
				channel: 'messenger',
				fixture: 'text',
				trigger: 'chatflowMessengerTrigger',
				triggerCredentials: { chatflowMetaAppApi: metaApp },
				actionType: 'chatflowMessenger',
				actionCredentials: { chatflowMessengerApi: messenger },
				answer: versions(
					{
						resource: 'message',
						operation: 'send',
						recipientId: '={{ $json.contact.id }}',
						messageType: 'text',
						text: '={{ "Echo: " + $json.text }}',
						quickReplies: { reply: [{ contentType: 'text', title: 'More', payload: 'MORE', imageUrl: '' }] },
						messagingType: 'RESPONSE',
					},
					{ options: { replyTo: '={{ $json.messageId }}', concurrency: 2 } },
					{ messageOptions: { replyTo: '={{ $json.messageId }}' }, runOptions: { concurrency: 2 } },
				),
			},
			{
				channel: 'instagram',
				fixture: 'text',
				trigger: 'chatflowInstagramTrigger',
				triggerCredentials: { chatflowMetaAppApi: metaApp },
				actionType: 'chatflowInstagram',
				actionCredentials: { chatflowInstagramApi: instagram },
				answer: versions(
					{
						resource: 'message',
						operation: 'send',
						recipientId: '={{ $json.contact.id }}',
						messageType: 'text',
						text: '={{ "Echo: " + $json.text }}',
						messagingType: 'RESPONSE',
					},
					{ options: {} },
					{ messageOptions: {}, runOptions: {} },
				),
				extra: [
					{
						name: 'React',
						type: nodeType('chatflowInstagram'),
						parameters: {
							resource: 'message',
							operation: 'react',
							recipientId: '={{ $("Inbound").item.json.contact.id }}',
							messageId: '={{ $("Inbound").item.json.messageId }}',
							options: {},
						},
						credentials: { chatflowInstagramApi: instagram },
					},
				],
			},
			{
				channel: 'viber',
				fixture: 'message_text',
				trigger: 'chatflowViberTrigger',
				triggerCredentials: { chatflowViberApi: viber },
				actionType: 'chatflowViber',
				actionCredentials: { chatflowViberApi: viber },
				answer: versions(
					{
						resource: 'message',
						operation: 'send',
						receiver: '={{ $json.contact.id }}',
						messageType: 'text',
						text: '={{ "Echo: " + $json.text }}',
						keyboardMode: 'fields',
						keyboardButtons: { button: [{ actionType: 'reply', text: 'Again', actionBody: 'again', columns: 6, rows: 1 }] },
					},
					{ options: { trackingData: '={{ "answer-to:" + $json.messageId }}', maxRetries: 2 } },
					{ messageOptions: { trackingData: '={{ "answer-to:" + $json.messageId }}' }, runOptions: { maxRetries: 2 } },
				),
			},
		);
		for (const c of cases) {
			for (const version of VERSIONS) {
				const webhookId = randomUUID();
				const id = await n8n.api.createWorkflow(workflow(c, version, webhookId) as never, { webhooks: [{ path: `${webhookId}/webhook`, method: 'POST' }] });
				workflows.set(key(c.channel, version), { id, webhookId });
			}
		}
	});

	afterAll(async () => {
		for (const { id } of workflows.values()) await n8n.api.deactivate(id).catch(() => undefined);
		await platform?.close();
	});

	async function deliver(channel: Channel, version: Version, fixture: string, secret: string) {
		const body = fixtureBytes(channel, fixture);
		const { webhookId } = workflows.get(key(channel, version))!;
		const response = await fetch(n8n.api.webhookUrl(webhookId, 'webhook'), {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...signatureHeaders(channel, body, secret) },
			body,
		});
		expect(response.status).toBe(200);
	}

	describe.each(VERSIONS)('workflow saved with version %i', (version) => {
		beforeAll(() => platform.reset());

		it('Messenger: the inbound text is answered with a quick reply, quoting the message', async () => {
			await deliver('messenger', version, 'text', APP_SECRET);
			const [request] = await platform.waitFor('POST', `/v26.0/${PAGE_ID}/messages`, 1, 30_000);
			expect(request.headers.authorization).toBe(`Bearer ${PAGE_TOKEN}`);
			expect(request.json).toEqual({
				recipient: { id: '6817394857162534' },
				messaging_type: 'RESPONSE',
				reply_to: { mid: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P' },
				message: { text: 'Echo: Hallo! Ça va? 🙂', quick_replies: [{ content_type: 'text', title: 'More', payload: 'MORE' }] },
			});
			const [execution] = await n8n.api.waitForExecutions(workflows.get(key('messenger', version))!.id, 1);
			expect(execution.status).toBe('success');
			expect(n8n.output(execution, 'Answer')[0][0]).toMatchObject({ channel: 'messenger', recipientId: '6817394857162534', messageId: expect.stringMatching(/^m_/) });
		});

		it('Instagram: the inbound text is answered and the message gets a heart', async () => {
			await deliver('instagram', version, 'text', APP_SECRET);
			const requests = await platform.waitFor('POST', `/v26.0/${IG_ID}/messages`, 2, 30_000);
			expect(requests.map((request) => request.json)).toEqual([
				{ recipient: { id: '1234567890123456' }, messaging_type: 'RESPONSE', message: { text: 'Echo: hi from insta ✨' } },
				{
					recipient: { id: '1234567890123456' },
					sender_action: 'react',
					payload: { message_id: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0', reaction: 'love' },
				},
			]);
			expect(requests[0].headers.authorization).toBe(`Bearer ${IG_TOKEN}`);
			const [execution] = await n8n.api.waitForExecutions(workflows.get(key('instagram', version))!.id, 1);
			expect(execution.status).toBe('success');
			expect(n8n.output(execution, 'Answer')[0][0]).toMatchObject({ channel: 'instagram', recipientId: '1234567890123456' });
		});

		it('Viber: the inbound text is answered with a keyboard; the 64-bit message token stays exact', async () => {
			await deliver('viber', version, 'message_text', VIBER_TOKEN);
			const [request] = await platform.waitFor('POST', '/send_message', 1, 30_000);
			expect(request.headers['x-viber-auth-token']).toBe(VIBER_TOKEN);
			expect(request.json).toEqual({
				receiver: '01234567890A=',
				sender: { name: 'Chatflow Bot' },
				tracking_data: 'answer-to:5491174131373436412',
				type: 'text',
				text: 'Echo: Привет! a "quoted" word',
				keyboard: { Type: 'keyboard', DefaultHeight: false, Buttons: [{ ActionType: 'reply', ActionBody: 'again', Text: 'Again', Columns: 6, Rows: 1 }] },
			});
			const [execution] = await n8n.api.waitForExecutions(workflows.get(key('viber', version))!.id, 1);
			expect(execution.status).toBe('success');
			expect(n8n.output(execution, 'Answer')[0][0]).toMatchObject({ channel: 'viber', recipientId: '01234567890A=', messageId: expect.stringMatching(/^\d{19}$/) });
		});
	});

	it('no secret of the run is in the executions or the log', async () => {
		const executions = [];
		for (const { id } of workflows.values()) executions.push(...(await n8n.api.executions(id)));
		expect(executions).toHaveLength(VERSIONS.length * cases.length);
		const dump = JSON.stringify(executions) + n8n.logs();
		for (const secret of [APP_SECRET, PAGE_TOKEN, IG_TOKEN, VIBER_TOKEN]) expect(dump).not.toContain(secret);
	});
});
