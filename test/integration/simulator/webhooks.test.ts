/**
 * The simulator as the platforms: what the chat page does arrives as signed webhooks that this
 * package's own ingestion pipeline accepts (real HMACs over the raw bytes), sends made by a node
 * are answered like the Graph/Viber API and followed by statuses in order, and injected errors
 * behave as the platform's do.
 */
import { verifySignature } from '../../../nodes/shared/ingestion';
import { mergeConfig } from '../../../simulator/config';
import type { ChatSimulator } from '../../../simulator/chatSimulator';
import { simulatorSuite, type WebhookReceiver } from './receiver';

const SECRETS = { whatsapp: 'wa-app-secret-3f9c', messenger: 'page-app-secret-77ab', instagram: 'ig-app-secret-1c2d', viber: '4453b6ac1234abcd-e02c5f12174805f9-daec9cbb5448c51f' };
const WA = '4915112345678';
const VIBER_USER = '01234567890A=';

describe('chat simulator webhooks', () => {
	const suite = simulatorSuite(
		SECRETS,
		() => mergeConfig({ statuses: { enabled: true, delayMs: 15, read: 'auto' } }),
		(config, receiver) => {
			for (const channel of ['whatsapp', 'messenger', 'instagram', 'viber'] as const) config.webhooks[channel] = { url: receiver.url(channel), secret: SECRETS[channel] };
		},
	);
	let receiver: WebhookReceiver;
	let simulator: ChatSimulator;
	beforeEach(() => ({ simulator, receiver } = suite));

	async function page(path: string, body: unknown, method = 'POST') {
		const response = await fetch(`${simulator.url}/_sim/api/${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		return { status: response.status, json: (await response.json()) as Record<string, unknown> };
	}

	it('sends a typed WhatsApp text as a signed messages webhook the trigger pipeline accepts', async () => {
		const sent = await page('send', { channel: 'whatsapp', contactId: WA, input: { kind: 'text', text: 'hi *there* ñ' } });
		expect(sent.status).toBe(200);
		expect(sent.json.status).toBe('delivered');
		const [delivery] = receiver.of('whatsapp');
		expect(delivery.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
		expect(verifySignature('whatsapp', delivery.headers, delivery.raw, [SECRETS.whatsapp]).ok).toBe(true);
		expect(verifySignature('whatsapp', delivery.headers, delivery.raw, ['another-secret']).ok).toBe(false);
		expect(delivery.result.status).toBe(200);
		expect(delivery.result.events).toHaveLength(1);
		expect(delivery.result.events[0]).toMatchObject({ channel: 'whatsapp', event: 'message', type: 'text', text: 'hi *there* ñ', contact: { id: WA, name: 'Ada Lovelace' }, accountId: '106540352242922', messageId: sent.json.id });
		const body = JSON.parse(delivery.raw.toString()) as { object: string; entry: Array<{ id: string; changes: Array<{ field: string; value: { metadata: unknown } }> }> };
		expect(body.object).toBe('whatsapp_business_account');
		expect(body.entry[0].changes[0]).toMatchObject({ field: 'messages', value: { metadata: { display_phone_number: '15550100100', phone_number_id: '106540352242922' } } });
	});

	it('sends button and list replies with the context of the message they answer', async () => {
		await page('send', { channel: 'whatsapp', contactId: WA, input: { kind: 'reply', source: 'button', id: 'book', title: 'Book a table', replyTo: 'wamid.QUESTION' } });
		await page('send', { channel: 'whatsapp', contactId: WA, input: { kind: 'reply', source: 'list', id: 'r2', title: 'Row 2', description: 'second', replyTo: 'wamid.LIST' } });
		const [button, list] = receiver.of('whatsapp').map((entry) => entry.result.events[0]);
		expect(button).toMatchObject({ type: 'reply', reply: { id: 'book', title: 'Book a table' }, context: { messageId: 'wamid.QUESTION' } });
		expect(list).toMatchObject({ type: 'reply', reply: { id: 'r2', title: 'Row 2', description: 'second' }, context: { messageId: 'wamid.LIST' } });
	});

	it('answers a node\'s send like the Cloud API and sends sent → delivered → read statuses in order', async () => {
		const response = await fetch(`${simulator.url}/v26.0/106540352242922/messages`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: 'Bearer token' },
			body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: WA, type: 'text', text: { body: 'Hello' }, biz_opaque_callback_data: 'order-42' }),
		});
		const answer = (await response.json()) as { messages: Array<{ id: string }>; contacts: Array<{ wa_id: string }> };
		expect(response.status).toBe(200);
		expect(answer.contacts[0].wa_id).toBe(WA);
		const id = answer.messages[0].id;
		expect(id).toMatch(/^wamid\./);
		await receiver.waitFor(() => receiver.of('whatsapp').length >= 3);
		const events = receiver.of('whatsapp').map((entry) => entry.result.events[0]);
		expect(events.map((event) => event.status)).toEqual(['sent', 'delivered', 'read']);
		for (const event of events) expect(event).toMatchObject({ event: 'status', messageId: id, contact: { id: WA } });
		const raw = JSON.parse(receiver.of('whatsapp')[0].raw.toString()) as { entry: Array<{ changes: Array<{ value: { statuses: Array<Record<string, unknown>> } }> }> };
		expect(raw.entry[0].changes[0].value.statuses[0]).toMatchObject({ biz_opaque_callback_data: 'order-42', recipient_id: WA, pricing: { category: 'service' } });
		const message = simulator.journal.messages.get(id);
		expect(message).toMatchObject({ direction: 'out', status: 'read', payload: { text: { body: 'Hello' } } });
	});

	it('sends "read" only after "delivered" while the page shows the chat (read on view)', async () => {
		simulator.context.config.statuses.read = 'onView';
		const response = await fetch(`${simulator.url}/v26.0/106540352242922/messages`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ messaging_product: 'whatsapp', to: WA, type: 'text', text: { body: 'Seen?' } }),
		});
		expect(response.status).toBe(200);
		// The page polls with the conversation on screen, as often as it can.
		while (receiver.of('whatsapp').length < 3) {
			await fetch(`${simulator.url}/_sim/api/events?since=0&wait=0&view=whatsapp:${WA}`).then((poll) => poll.arrayBuffer());
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(receiver.of('whatsapp').map((entry) => entry.result.events[0].status)).toEqual(['sent', 'delivered', 'read']);
	});

	it('signs Viber callbacks with the auth token and writes message_token as a 64-bit integer', async () => {
		const sent = await page('send', { channel: 'viber', contactId: VIBER_USER, input: { kind: 'location', latitude: 52.5, longitude: 13.4 } });
		const [delivery] = receiver.of('viber');
		expect(delivery.headers['x-viber-content-signature']).toMatch(/^[0-9a-f]{64}$/);
		expect(verifySignature('viber', delivery.headers, delivery.raw, [SECRETS.viber]).ok).toBe(true);
		expect(delivery.raw.toString()).toContain(`"message_token":${String(sent.json.id)}`);
		expect(delivery.result.events[0]).toMatchObject({ channel: 'viber', type: 'location', messageId: sent.json.id, contact: { id: VIBER_USER, name: 'Margaret Hamilton' }, location: { latitude: 52.5, longitude: 13.4 } });
	});

	it('answers a Viber send and reports delivered and seen with the same token', async () => {
		const response = await fetch(`${simulator.url}/pa/send_message`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-viber-auth-token': SECRETS.viber },
			body: JSON.stringify({ receiver: VIBER_USER, type: 'text', text: 'Pick one', tracking_data: 'step-2', keyboard: { Type: 'keyboard', Buttons: [{ ActionType: 'reply', ActionBody: 'yes', Text: 'Yes' }] } }),
		});
		const text = await response.text();
		const token = /"message_token":(\d+)/.exec(text)?.[1];
		expect(token).toMatch(/^\d{19}$/);
		await receiver.waitFor(() => receiver.of('viber').length >= 2);
		expect(receiver.of('viber').map((entry) => entry.result.events[0].status)).toEqual(['delivered', 'read']);
		expect(receiver.of('viber').every((entry) => entry.result.events[0].messageId === token)).toBe(true);
		// The contact's next message carries the bot's tracking_data back, as Viber does.
		await page('send', { channel: 'viber', contactId: VIBER_USER, input: { kind: 'reply', source: 'button', id: 'yes', title: 'Yes' } });
		const reply = JSON.parse(receiver.of('viber')[2].raw.toString()) as { message: { text: string; tracking_data: string } };
		expect(reply.message).toEqual({ type: 'text', text: 'yes', tracking_data: 'step-2' });
	});

	it('sends Messenger quick replies and Instagram texts with their own object and signature', async () => {
		await page('send', { channel: 'messenger', contactId: '6543210987654321', input: { kind: 'reply', source: 'quick_reply', id: 'RED', title: 'Red' } });
		await page('send', { channel: 'messenger', contactId: '6543210987654321', input: { kind: 'reply', source: 'postback', id: 'START', title: 'Get started' } });
		await page('send', { channel: 'instagram', contactId: '7654321098765432', input: { kind: 'text', text: 'hello ig' } });
		const [quick, postback] = receiver.of('messenger');
		expect(verifySignature('messenger', quick.headers, quick.raw, [SECRETS.messenger]).ok).toBe(true);
		expect(quick.result.events[0]).toMatchObject({ channel: 'messenger', type: 'reply', reply: { id: 'RED' }, contact: { id: '6543210987654321' } });
		expect(postback.result.events[0]).toMatchObject({ event: 'postback', reply: { id: 'START', title: 'Get started' } });
		const [instagram] = receiver.of('instagram');
		expect(JSON.parse(instagram.raw.toString()).object).toBe('instagram');
		expect(instagram.result.events[0]).toMatchObject({ channel: 'instagram', text: 'hello ig', accountId: '17841400000000000' });
	});

	it('sends an image from the page as a media webhook whose id the trigger can download', async () => {
		const bytes = Buffer.from('\xff\xd8\xff\xe0 fake jpeg bytes \r\n--boundary', 'latin1');
		const upload = await fetch(`${simulator.url}/_sim/api/upload`, { method: 'POST', headers: { 'content-type': 'image/jpeg', 'x-file-name': 'caf%C3%A9.jpg' }, body: bytes });
		const media = (await upload.json()) as { mediaId: string; url: string; sha256: string; size: number; mimeType: string; fileName: string };
		expect(media).toMatchObject({ fileName: 'café.jpg', size: bytes.length, mimeType: 'image/jpeg' });
		await page('send', { channel: 'whatsapp', contactId: WA, input: { kind: 'image', ...media, caption: 'our table' } });
		const [event] = receiver.of('whatsapp')[0].result.events;
		expect(event).toMatchObject({ type: 'image', media: { id: media.mediaId, mimeType: 'image/jpeg', sha256: media.sha256, caption: 'our table' } });
		// What the trigger's "Download Media" does: look the id up, then fetch the URL with the token.
		const info = (await (await fetch(`${simulator.url}/v26.0/${media.mediaId}`, { headers: { authorization: 'Bearer t' } })).json()) as { url: string };
		expect(Buffer.from(await (await fetch(info.url, { headers: { authorization: 'Bearer t' } })).arrayBuffer())).toEqual(bytes);
	});

	it('shows a message as failed when the trigger refuses the webhook', async () => {
		simulator.context.config.webhooks.whatsapp.secret = 'not-the-trigger-secret';
		const sent = await page('send', { channel: 'whatsapp', contactId: WA, input: { kind: 'text', text: 'hi' } });
		expect(sent.json).toMatchObject({ status: 'failed', error: 'webhook answered 403' });
		const log = simulator.journal.since(0).filter((entry) => entry.type === 'log').map((entry) => (entry.type === 'log' ? entry.entry : undefined));
		expect(log.find((entry) => entry?.kind === 'webhook')).toMatchObject({ status: 403, channel: 'whatsapp' });
	});
});
