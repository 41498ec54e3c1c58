/**
 * examples/omnichannel-bot in the real n8n: imported as a user imports it, activated, then one
 * signed message per channel. The same logic answers each one, through the send node of its
 * channel, to the contact who wrote; a forged delivery sends nothing.
 */
import { FakePlatform, type RecordedRequest } from '../../simulator/platform';
import {
	createChannelCredentials,
	importAndActivate,
	INSTAGRAM_ACCOUNT_ID,
	INSTAGRAM_TOKEN,
	MESSENGER_TOKEN,
	PAGE_ID,
	PHONE_NUMBER_ID,
	postSigned,
	prepareExample,
	readExample,
	settle,
	VERIFY_TOKEN,
	VIBER_TOKEN,
	WHATSAPP_TOKEN,
	whatsAppMessage,
	type PreparedExample,
} from './examples-support';
import { connectE2e, type E2eContext } from './support/n8n';

const HOURS = 'We are open Monday to Friday, 9:00 to 18:00.';
const PRICES = 'Plans start at 9 EUR a month: https://example.com/pricing';
const AGENT = 'Thanks! A colleague will answer you here shortly.';

let n8n: E2eContext;
let platform: FakePlatform;
let example: PreparedExample;
let workflowId: string;

const url = (trigger: string) => n8n.api.webhookUrl(example.webhookIds[trigger], 'webhook');

/** The one send the platform got on `path` (regex), after the delivery it answers. */
async function sendOn(path: RegExp): Promise<RecordedRequest> {
	const [request] = await platform.waitFor('POST', path, 1, 20_000);
	return request;
}

function metaMessaging(object: 'page' | 'instagram', accountId: string, sender: string, message: Record<string, unknown>) {
	const now = Date.now();
	return {
		object,
		entry: [{ id: accountId, time: now, messaging: [{ sender: { id: sender }, recipient: { id: accountId }, timestamp: now, ...message }] }],
	};
}

beforeAll(async () => {
	n8n = await connectE2e();
	platform = await FakePlatform.start();
	const credentials = await createChannelCredentials(n8n, platform);
	example = prepareExample(readExample('omnichannel-bot'), credentials);
	workflowId = await importAndActivate(n8n, example);
});

afterAll(async () => {
	if (workflowId) await n8n.api.deactivate(workflowId).catch(() => undefined);
	await platform?.close();
});

beforeEach(() => platform.reset());

describe('examples/omnichannel-bot', () => {
	it('answers Meta\'s verification GET with the verify token of the Meta App credential', async () => {
		const response = await fetch(`${url('WhatsApp Trigger')}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(VERIFY_TOKEN)}&hub.challenge=4711`);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('4711');
	});

	it('WhatsApp: answers from the number that received the message, to the sender', async () => {
		const delivery = whatsAppMessage('16505551234', { type: 'text', text: { body: 'What are your opening hours?' } });
		expect(await postSigned(url('WhatsApp Trigger'), 'whatsapp', delivery)).toEqual({ status: 200, text: 'OK' });
		const send = await sendOn(new RegExp(`^/v26\\.0/${PHONE_NUMBER_ID}/messages$`));
		expect(send.headers.authorization).toBe(`Bearer ${WHATSAPP_TOKEN}`);
		expect(send.json).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '16505551234',
			type: 'text',
			text: { body: HOURS, preview_url: false },
		});
	});

	it('Messenger: the same logic answers the page-scoped sender through the Send API', async () => {
		const delivery = metaMessaging('page', PAGE_ID, '6817394857162534', { message: { mid: `m_e2e_${Date.now()}`, text: 'How much does it cost?' } });
		expect((await postSigned(url('Messenger Trigger'), 'messenger', delivery)).status).toBe(200);
		const send = await sendOn(/\/messages$/);
		expect(send.headers.authorization).toBe(`Bearer ${MESSENGER_TOKEN}`);
		expect(send.path).toMatch(new RegExp(`^/v26\\.0/(me|${PAGE_ID})/messages$`));
		expect(send.json).toMatchObject({ recipient: { id: '6817394857162534' }, messaging_type: 'RESPONSE', message: { text: PRICES } });
	});

	it('Instagram: a button tap (postback) is answered by its payload', async () => {
		const delivery = metaMessaging('instagram', INSTAGRAM_ACCOUNT_ID, '1234567890123456', {
			postback: { mid: `aWdf_e2e_${Date.now()}`, title: 'Talk to us', payload: 'AGENT' },
		});
		expect((await postSigned(url('Instagram Trigger'), 'instagram', delivery)).status).toBe(200);
		const send = await sendOn(/\/messages$/);
		expect(send.headers.authorization).toBe(`Bearer ${INSTAGRAM_TOKEN}`);
		expect(send.json).toMatchObject({ recipient: { id: '1234567890123456' }, message: { text: AGENT } });
	});

	it('Viber: welcomes in the HTTP answer without a send, then answers a message with the bot token', async () => {
		const started = await postSigned(url('Viber Trigger'), 'viber', {
			event: 'conversation_started',
			timestamp: Date.now(),
			message_token: Date.now() * 1000 + 1,
			type: 'open',
			user: { id: '01234567890A=', name: 'Ada Lovelace', language: 'en', country: 'GB', api_version: 10 },
			subscribed: false,
		});
		expect(started.status).toBe(200);
		expect(JSON.parse(started.text)).toMatchObject({ type: 'text', text: expect.stringContaining('opening hours') });

		const message = await postSigned(url('Viber Trigger'), 'viber', {
			event: 'message',
			timestamp: Date.now(),
			message_token: Date.now() * 1000 + 2,
			sender: { id: '01234567890A=', name: 'Ada Lovelace', language: 'en', country: 'GB', api_version: 10 },
			message: { type: 'text', text: 'hello' },
		});
		expect(message.status).toBe(200);
		const send = await sendOn(/^\/pa\/send_message$/);
		expect(send.headers['x-viber-auth-token']).toBe(VIBER_TOKEN);
		expect(send.json).toMatchObject({
			receiver: '01234567890A=',
			type: 'text',
			text: 'Hi Ada Lovelace! Ask me about our opening hours or prices, or write "agent" to talk to a person.',
			sender: { name: 'Example Bot' },
		});
		await settle(platform);
		expect(platform.requests.map((r) => r.path)).toEqual(['/pa/send_message']);
	});

	it('a forged delivery is refused and sends nothing; every execution so far succeeded', async () => {
		const forged = whatsAppMessage('16505551234', { type: 'text', text: { body: 'hours?' } });
		expect((await postSigned(url('WhatsApp Trigger'), 'whatsapp', forged, 'not-the-app-secret')).status).toBe(403);
		await settle(platform);
		expect(platform.requests).toHaveLength(0);
		// WhatsApp, Messenger, Instagram, Viber welcome (filtered out), Viber message.
		const executions = await n8n.api.waitForExecutions(workflowId, 5);
		expect(executions).toHaveLength(5);
		expect(executions.map((e) => e.status)).toEqual(['success', 'success', 'success', 'success', 'success']);
		expect(n8n.output(executions[3], 'Only Messages')[0]).toEqual([]);
	});
});
