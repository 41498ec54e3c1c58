/**
 * What a WhatsApp contact and the business do in the simulator besides writing: the contact edits
 * and deletes messages (messages field, `edit` / `revoke`), the business writes from the WhatsApp
 * Business app (`smb_message_echoes`), the contact stops and resumes marketing messages
 * (`user_preferences`, and marketing templates then fail with 131050). Each webhook is compared
 * byte for byte with Meta's documented shape, is signed, and is read by this package's trigger
 * pipeline as the event it is.
 */
import { mergeConfig, type SimulatorConfig } from '../../../simulator/config';
import type { ChatSimulator } from '../../../simulator/chatSimulator';
import { simulatorSuite, type WebhookReceiver } from './receiver';
import { ADA, BUSINESS, envelope, fixtureShape, graphSend, HEDY, shapeOf, signedBody, simulatorApi, WHATSAPP_SECRET } from './whatsAppPeople';

const SECRETS = { whatsapp: WHATSAPP_SECRET, messenger: 'unused', instagram: 'unused', viber: 'unused' };
const HEDY_ENTRY = { profile: { name: 'Hedy Lamarr', username: 'hedy.lamarr' }, user_id: HEDY.bsuid };
const TEMPLATES = [
	{ name: 'spring_sale', language: 'en_US', status: 'APPROVED', category: 'MARKETING', components: [{ type: 'BODY', text: 'Spring sale!' }] },
	{ name: 'order_update', language: 'en_US', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your order shipped.' }] },
];

const config = (): SimulatorConfig => mergeConfig({ contacts: [ADA, HEDY], templates: TEMPLATES, statuses: { enabled: true, delayMs: 10, read: 'never' } });

describe('chat simulator: WhatsApp edits, deletions, echoes and marketing preferences', () => {
	const suite = simulatorSuite(SECRETS, config, (next, receiver) => (next.webhooks.whatsapp = { url: receiver.url('whatsapp'), secret: WHATSAPP_SECRET }));
	let receiver: WebhookReceiver;
	let simulator: ChatSimulator;
	beforeEach(() => ({ simulator, receiver } = suite));

	/** The contact writes `text`; the delivery log is then cleared so each test reads only its own webhook. */
	async function written(contactId: string, text: string): Promise<string> {
		const sent = await simulatorApi(simulator, 'send', { channel: 'whatsapp', contactId, input: { kind: 'text', text } });
		receiver.received.length = 0;
		return sent.json.id as string;
	}
	const valueOf = (body: Record<string, any>) => body.entry[0].changes[0].value;

	// Webhooks go out asynchronously: wait for the delivery instead of reading it at once.
	const firstWhatsAppDelivery = async () => (await receiver.waitFor(() => receiver.of('whatsapp').length >= 1, 15_000), receiver.of('whatsapp')[0]);

	it('sends an edit of a username-only contact\'s text as Meta\'s edit message, and shows the new text as edited', async () => {
		const original = await written(HEDY.bsuid, 'See you at 7');
		const edit = await simulatorApi(simulator, 'edit', { messageId: original, text: 'See you at 8' });
		expect(edit).toEqual({ status: 200, json: { id: expect.stringMatching(/^wamid\./) } });
		const [delivery] = receiver.of('whatsapp');
		const timestamp = valueOf(signedBody(delivery)).messages[0].timestamp as string;
		const expected = envelope('messages', {
			contacts: [HEDY_ENTRY],
			messages: [{ from_user_id: HEDY.bsuid, id: edit.json.id, timestamp, type: 'edit', edit: { original_message_id: original, message: { type: 'text', text: { body: 'See you at 8' } } } }],
		});
		expect(delivery.raw.toString()).toBe(JSON.stringify(expected));
		expect(delivery.result.events[0]).toMatchObject({ event: 'edit', type: 'edit', originalMessageId: original, messageId: edit.json.id, text: 'See you at 8', contact: { id: HEDY.bsuid } });
		expect(simulator.journal.messages.get(original)).toMatchObject({ edited: true, payload: { kind: 'text', text: 'See you at 8' } });
		expect(simulator.journal.since(0).filter((entry) => entry.type === 'messageUpdate')).toHaveLength(1);
	});

	it('sends an edit by a contact who shares a number in the shape of Meta\'s edit example', async () => {
		const original = await written(ADA.id, 'Hi, it is Ada');
		await simulatorApi(simulator, 'edit', { messageId: original, text: 'Hi, it is Ada Lovelace' });
		const body = signedBody(await firstWhatsAppDelivery());
		expect(shapeOf(body)).toEqual(fixtureShape('edit'));
		expect(valueOf(body).messages[0]).toMatchObject({ from: ADA.id, edit: { original_message_id: original } });
	});

	it('sends a deletion as Meta\'s revoke message and shows the message as deleted', async () => {
		const original = await written(HEDY.bsuid, 'wrong chat, sorry');
		const revoke = await simulatorApi(simulator, 'delete', { messageId: original });
		const [delivery] = receiver.of('whatsapp');
		const timestamp = valueOf(signedBody(delivery)).messages[0].timestamp as string;
		const expected = envelope('messages', {
			contacts: [HEDY_ENTRY],
			messages: [{ from_user_id: HEDY.bsuid, id: revoke.json.id, timestamp, type: 'revoke', revoke: { original_message_id: original } }],
		});
		expect(delivery.raw.toString()).toBe(JSON.stringify(expected));
		expect(delivery.result.events[0]).toMatchObject({ event: 'revoke', originalMessageId: original, contact: { id: HEDY.bsuid } });
		expect(simulator.journal.messages.get(original)?.revoked).toBe(true);
		await written(ADA.id, 'mine');
		const ada = simulator.journal.conversation('whatsapp', ADA.id)[0].id;
		await simulatorApi(simulator, 'delete', { messageId: ada });
		expect(shapeOf(signedBody(await firstWhatsAppDelivery()))).toEqual(fixtureShape('revoke'));
	});

	it('refuses to change what the contact did not send, a deleted message, or a non-text edit', async () => {
		const sent = await graphSend(simulator, { to: ADA.id, type: 'text', text: { body: 'from the bot' } });
		expect(await simulatorApi(simulator, 'edit', { messageId: sent.json.messages[0].id, text: 'x' })).toEqual({ status: 400, json: { error: 'the contact can only change messages they sent' } });
		const located = await simulatorApi(simulator, 'send', { channel: 'whatsapp', contactId: ADA.id, input: { kind: 'location', latitude: 52.5, longitude: 13.4 } });
		expect((await simulatorApi(simulator, 'edit', { messageId: located.json.id, text: 'x' })).json.error).toBe('only text messages can be edited');
		await simulatorApi(simulator, 'delete', { messageId: located.json.id });
		expect((await simulatorApi(simulator, 'delete', { messageId: located.json.id })).json.error).toBe('the message was deleted');
		expect((await simulatorApi(simulator, 'edit', { messageId: 'wamid.NOPE', text: 'x' })).json.error).toBe('no WhatsApp message wamid.NOPE');
	});

	it('sends what the business writes in the WhatsApp Business app as an smb_message_echoes webhook, and no statuses', async () => {
		simulator.context.config.statuses.read = 'onView';
		const echo = await simulatorApi(simulator, 'echo', { contactId: HEDY.bsuid, text: 'Your table is ready' });
		const [delivery] = receiver.of('whatsapp');
		const timestamp = valueOf(signedBody(delivery)).message_echoes[0].timestamp as string;
		const expected = envelope('smb_message_echoes', {
			contacts: [HEDY_ENTRY],
			message_echoes: [{ from: BUSINESS.displayPhoneNumber, to_user_id: HEDY.bsuid, id: echo.json.id, timestamp, type: 'text', text: { body: 'Your table is ready' } }],
		});
		expect(delivery.raw.toString()).toBe(JSON.stringify(expected));
		expect(delivery.result.events[0]).toMatchObject({ event: 'echo', type: 'text', text: 'Your table is ready', messageId: echo.json.id, contact: { id: HEDY.bsuid, username: 'hedy.lamarr' } });
		expect(simulator.journal.messages.get(echo.json.id)).toMatchObject({ direction: 'out', origin: 'businessApp', status: 'delivered', contactId: HEDY.bsuid });
		// The chat on screen marks delivered API sends read; an echo is no API send and gets no status.
		await fetch(`${simulator.url}/_sim/api/events?since=0&wait=0&view=whatsapp:${HEDY.bsuid}`).then((poll) => poll.arrayBuffer());
		const api = await graphSend(simulator, { recipient: HEDY.bsuid, type: 'text', text: { body: 'via the API' } });
		await receiver.waitFor(() => receiver.of('whatsapp').length >= 4);
		const apiId = api.json.messages[0].id as string;
		expect(receiver.of('whatsapp').slice(1).map((entry) => [entry.result.events[0].messageId, entry.result.events[0].status])).toEqual([
			[apiId, 'sent'],
			[apiId, 'delivered'],
			[apiId, 'read'],
		]);
	});

	it('names the phone number in the echo to a contact who shares one, in the shape of Meta\'s echo example', async () => {
		await simulatorApi(simulator, 'echo', { contactId: ADA.id, text: 'Sent from the Business app' });
		const body = signedBody(await firstWhatsAppDelivery());
		const { contacts, ...withoutContacts } = valueOf(body);
		expect(contacts).toEqual([{ profile: { name: 'Ada Lovelace' }, wa_id: ADA.id, user_id: simulator.context.contacts.find('whatsapp', ADA.id)?.bsuid }]);
		// Meta's reference example predates the contacts[] entry it added in 2026.
		const older = { ...body, entry: [{ ...body.entry[0], changes: [{ ...body.entry[0].changes[0], value: withoutContacts }] }] };
		expect(shapeOf(older)).toEqual(fixtureShape('smb_message_echo'));
	});

	it('sends stop and resume of marketing messages as user_preferences with an integer timestamp, and shows them as notes', async () => {
		const stop = await simulatorApi(simulator, 'marketing', { contactId: HEDY.bsuid, value: 'stop' });
		expect(stop.status).toBe(200);
		const [delivery] = receiver.of('whatsapp');
		const timestamp = valueOf(signedBody(delivery)).user_preferences[0].timestamp as number;
		expect(Number.isInteger(timestamp)).toBe(true);
		const expected = envelope('user_preferences', {
			contacts: [HEDY_ENTRY],
			user_preferences: [{ user_id: HEDY.bsuid, detail: 'User requested to stop marketing messages', category: 'marketing_messages', value: 'stop', timestamp }],
		});
		expect(delivery.raw.toString()).toBe(JSON.stringify(expected));
		expect(delivery.result.events[0]).toMatchObject({ event: 'preference', preference: { category: 'marketing_messages', value: 'stop' }, contact: { id: HEDY.bsuid, key: HEDY.bsuid } });
		expect(simulator.journal.messages.get(stop.json.id)).toMatchObject({ direction: 'in', status: 'delivered', payload: { kind: 'marketingPreference', value: 'stop' } });
		expect(simulator.context.contacts.find('whatsapp', HEDY.bsuid)?.marketingStopped).toBe(true);

		await simulatorApi(simulator, 'marketing', { contactId: ADA.id, value: 'resume' });
		const ada = signedBody(receiver.of('whatsapp')[1]);
		expect(shapeOf(ada)).toEqual(fixtureShape('user_preferences'));
		expect(valueOf(ada).user_preferences[0]).toMatchObject({ wa_id: ADA.id, value: 'resume', detail: 'User requested to resume marketing messages' });
		expect((await simulatorApi(simulator, 'marketing', { contactId: ADA.id, value: 'pause' })).json.error).toBe('value must be "stop" or "resume"');
	});

	it('fails marketing templates to a contact who stopped them with 131050, and lets other messages through', async () => {
		await simulatorApi(simulator, 'marketing', { contactId: HEDY.bsuid, value: 'stop' });
		receiver.received.length = 0;
		const template = (name: string) => ({ recipient: HEDY.bsuid, type: 'template', template: { name, language: { code: 'en_US' } } });
		const marketing = await graphSend(simulator, template('spring_sale'));
		expect(marketing.status).toBe(200);
		const [failed] = await receiver.waitFor(() => receiver.of('whatsapp').length >= 1);
		expect(failed.result.events[0]).toMatchObject({ status: 'failed', messageId: marketing.json.messages[0].id, errors: [expect.objectContaining({ code: 131050 })] });
		receiver.received.length = 0;
		const utility = await graphSend(simulator, template('order_update'));
		await receiver.waitFor(() => receiver.of('whatsapp').length >= 2);
		expect(receiver.of('whatsapp').map((entry) => [entry.result.events[0].messageId, entry.result.events[0].status])).toEqual([
			[utility.json.messages[0].id, 'sent'],
			[utility.json.messages[0].id, 'delivered'],
		]);
		await simulatorApi(simulator, 'marketing', { contactId: HEDY.bsuid, value: 'resume' });
		receiver.received.length = 0;
		const again = await graphSend(simulator, template('spring_sale'));
		const [sentAgain] = await receiver.waitFor(() => receiver.of('whatsapp').length >= 1);
		expect(sentAgain.result.events[0]).toMatchObject({ status: 'sent', messageId: again.json.messages[0].id });
	});
});
