/**
 * WhatsApp people as Meta names them since 2026, in the simulator: every contact has a
 * business-scoped user id (configured or derived), some a username, some no phone number. The
 * webhooks carry exactly Meta's fields (phone fields only for a person who shares a number), a
 * send by `to` or by `recipient` reaches the same person's conversation, and statuses name the
 * person the way the send did.
 */
import { mergeConfig, type SimulatorConfig } from '../../../simulator/config';
import type { ChatSimulator } from '../../../simulator/chatSimulator';
import { simulatorSuite, type WebhookReceiver } from './receiver';
import { ADA, envelope, fixtureShape, GRACE, graphSend, HEDY, shapeOf, signedBody, simulatorApi, WHATSAPP_SECRET } from './whatsAppPeople';

const SECRETS = { whatsapp: WHATSAPP_SECRET, messenger: 'unused', instagram: 'unused', viber: 'unused' };

const config = (): SimulatorConfig => mergeConfig({ contacts: [ADA, HEDY, GRACE], statuses: { enabled: true, delayMs: 10, read: 'auto' } });

describe('chat simulator: WhatsApp identity', () => {
	const suite = simulatorSuite(SECRETS, config, (next, receiver) => (next.webhooks.whatsapp = { url: receiver.url('whatsapp'), secret: WHATSAPP_SECRET }));
	let receiver: WebhookReceiver;
	let simulator: ChatSimulator;
	beforeEach(() => ({ simulator, receiver } = suite));

	const contact = (id: string) => simulator.context.contacts.find('whatsapp', id)!;
	const statuses = async (count: number) => {
		await receiver.waitFor(() => receiver.of('whatsapp').length >= count);
		return receiver.of('whatsapp').map(signedBody);
	};
	// The statuses of one message: a busy machine may still deliver an earlier message's statuses.
	const statusesOf = async (id: string, count: number) => {
		const of = () => receiver.of('whatsapp').map(signedBody).filter((body) => body.entry[0].changes[0].value.statuses?.[0]?.id === id);
		await receiver.waitFor(() => of().length >= count);
		return of();
	};

	it('sends a username-only contact\'s message with from_user_id and the username, and no phone fields', async () => {
		const sent = await simulatorApi(simulator, 'send', { channel: 'whatsapp', contactId: HEDY.bsuid, input: { kind: 'text', text: 'hi' } });
		expect(sent.json.status).toBe('delivered');
		const [delivery] = receiver.of('whatsapp');
		const body = signedBody(delivery);
		const timestamp = body.entry[0].changes[0].value.messages[0].timestamp as string;
		expect(timestamp).toMatch(/^\d{10}$/);
		const expected = envelope('messages', {
			contacts: [{ profile: { name: 'Hedy Lamarr', username: 'hedy.lamarr' }, user_id: HEDY.bsuid }],
			messages: [{ from_user_id: HEDY.bsuid, id: sent.json.id, timestamp, type: 'text', text: { body: 'hi' } }],
		});
		expect(delivery.raw.toString()).toBe(JSON.stringify(expected));
		expect(shapeOf(body)).toEqual(shapeOf(expected));
		expect(delivery.result.events[0].contact).toEqual({ id: HEDY.bsuid, key: HEDY.bsuid, name: 'Hedy Lamarr', phone: '', bsuid: HEDY.bsuid, parentBsuid: '', username: 'hedy.lamarr' });
	});

	it('names a contact who shares a number by phone and by a BSUID derived the same on every start', async () => {
		const derived = contact(ADA.id).bsuid!;
		expect(derived).toMatch(/^DE\.\d{20}$/);
		await simulatorApi(simulator, 'send', { channel: 'whatsapp', contactId: ADA.id, input: { kind: 'text', text: 'hello' } });
		const [delivery] = receiver.of('whatsapp');
		const value = signedBody(delivery).entry[0].changes[0].value;
		expect(value.contacts).toEqual([{ profile: { name: 'Ada Lovelace' }, wa_id: ADA.id, user_id: derived }]);
		expect(value.messages[0]).toMatchObject({ from: ADA.id, from_user_id: derived });
		// Meta's own example of a person with a phone number and a BSUID has this shape.
		expect(shapeOf(signedBody(delivery))).toEqual(fixtureShape('text_bsuid'));
		expect(delivery.result.events[0].contact).toMatchObject({ id: ADA.id, key: derived, phone: ADA.id, bsuid: derived });
		await suite.restart({ ...config(), port: 0 });
		expect(suite.simulator.context.contacts.find('whatsapp', ADA.id)?.bsuid).toBe(derived);
	});

	it('adds the parent BSUID and the username where the business has parent BSUIDs', async () => {
		await simulatorApi(simulator, 'send', { channel: 'whatsapp', contactId: GRACE.bsuid, input: { kind: 'text', text: 'hey' } });
		const value = signedBody(receiver.of('whatsapp')[0]).entry[0].changes[0].value;
		expect(value.contacts).toEqual([{ profile: { name: 'Grace Hopper', username: 'grace.h' }, wa_id: '16505551234', user_id: GRACE.bsuid, parent_user_id: GRACE.parentBsuid }]);
		expect(Object.keys(value.messages[0]).slice(0, 4)).toEqual(['from', 'from_user_id', 'from_parent_user_id', 'id']);
		expect(value.messages[0]).toMatchObject({ from: '16505551234', from_user_id: GRACE.bsuid, from_parent_user_id: GRACE.parentBsuid });
		expect(simulator.journal.conversation('whatsapp', '16505551234')).toHaveLength(1);
	});

	it('puts a send by recipient into the username-only contact\'s conversation; its statuses name only the BSUID', async () => {
		const sent = await graphSend(simulator, { recipient: HEDY.bsuid, type: 'text', text: { body: 'Hi Hedy' } });
		expect(sent.json.contacts).toEqual([{ input: HEDY.bsuid, user_id: HEDY.bsuid }]);
		const id = sent.json.messages[0].id as string;
		expect(simulator.journal.messages.get(id)).toMatchObject({ contactId: HEDY.bsuid, direction: 'out' });
		const [sentStatus, delivered, read] = await statuses(3);
		expect(sentStatus.entry[0].changes[0].value.contacts).toEqual([{ profile: { name: 'Hedy Lamarr' }, user_id: HEDY.bsuid }]);
		const status = delivered.entry[0].changes[0].value.statuses[0];
		expect(JSON.stringify(delivered)).toBe(
			JSON.stringify(
				envelope('messages', {
					contacts: [{ profile: { name: 'Hedy Lamarr', username: 'hedy.lamarr' }, user_id: HEDY.bsuid }],
					statuses: [{ id, status: 'delivered', timestamp: status.timestamp, recipient_user_id: HEDY.bsuid, conversation: status.conversation, pricing: status.pricing }],
				}),
			),
		);
		expect(read.entry[0].changes[0].value.statuses[0]).not.toHaveProperty('recipient_id');
		const events = receiver.of('whatsapp').map((entry) => entry.result.events[0]);
		expect(events.map((event) => [event.status, event.contact.id, event.messageId])).toEqual([
			['sent', HEDY.bsuid, id],
			['delivered', HEDY.bsuid, id],
			['read', HEDY.bsuid, id],
		]);
	});

	it('puts a send by BSUID to a person who shares a number into the phone number\'s conversation, without recipient_id', async () => {
		const bsuid = contact(ADA.id).bsuid!;
		const sent = await graphSend(simulator, { recipient: bsuid, type: 'text', text: { body: 'by BSUID' } });
		expect(simulator.journal.messages.get(sent.json.messages[0].id)?.contactId).toBe(ADA.id);
		const [, delivered] = await statuses(2);
		const value = delivered.entry[0].changes[0].value;
		expect(value.statuses[0]).not.toHaveProperty('recipient_id');
		expect(value.statuses[0].recipient_user_id).toBe(bsuid);
		expect(value.contacts).toEqual([{ profile: { name: 'Ada Lovelace' }, wa_id: ADA.id, user_id: bsuid }]);
	});

	it('names the phone number and the BSUID in statuses of a send by `to`, and only the phone number when it fails', async () => {
		const ok = await graphSend(simulator, { to: '+49 151 12345678', type: 'text', text: { body: 'by phone' } });
		const [sentStatus] = await statusesOf(ok.json.messages[0].id, 1);
		expect(sentStatus.entry[0].changes[0].value.statuses[0]).toMatchObject({ id: ok.json.messages[0].id, recipient_id: ADA.id, recipient_user_id: contact(ADA.id).bsuid });
		await statusesOf(ok.json.messages[0].id, 3);
		await fetch(`${simulator.url}/_sim/api/errors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'whatsapp', code: 131026, times: 2 }) });
		const byPhone = await graphSend(simulator, { to: ADA.id, type: 'text', text: { body: 'x' } });
		const [failedByPhone] = await statusesOf(byPhone.json.messages[0].id, 1);
		const byBsuid = await graphSend(simulator, { recipient: HEDY.bsuid, type: 'text', text: { body: 'y' } });
		const [failedByBsuid] = await statusesOf(byBsuid.json.messages[0].id, 1);
		const phoneValue = failedByPhone.entry[0].changes[0].value;
		expect(phoneValue).not.toHaveProperty('contacts');
		expect(Object.keys(phoneValue.statuses[0])).toEqual(['id', 'status', 'timestamp', 'recipient_id', 'errors']);
		expect(phoneValue.statuses[0]).toMatchObject({ id: byPhone.json.messages[0].id, status: 'failed', recipient_id: ADA.id });
		const bsuidValue = failedByBsuid.entry[0].changes[0].value;
		expect(bsuidValue).not.toHaveProperty('contacts');
		// Meta's own failed status of a message sent to a BSUID has this shape.
		expect(shapeOf(failedByBsuid)).toEqual(fixtureShape('status_failed_bsuid_only'));
		expect(bsuidValue.statuses[0]).toMatchObject({ id: byBsuid.json.messages[0].id, recipient_user_id: HEDY.bsuid });
	});

	it('lands a send by parent BSUID with its person and names the parent in the statuses', async () => {
		const sent = await graphSend(simulator, { recipient: GRACE.parentBsuid, type: 'text', text: { body: 'to the parent' } });
		expect(simulator.journal.messages.get(sent.json.messages[0].id)?.contactId).toBe('16505551234');
		const [sentStatus] = await statuses(1);
		expect(sentStatus.entry[0].changes[0].value.statuses[0]).toMatchObject({ recipient_user_id: GRACE.bsuid, recipient_parent_user_id: GRACE.parentBsuid });
		expect(sentStatus.entry[0].changes[0].value.statuses[0]).not.toHaveProperty('recipient_id');
	});

	it('makes a send to an unknown BSUID a new username-only conversation the page is told about', async () => {
		const stranger = 'BR.1502576394655843';
		const sent = await graphSend(simulator, { recipient: stranger, type: 'text', text: { body: 'Olá' } });
		expect(sent.status).toBe(200);
		expect(simulator.context.contacts.find('whatsapp', stranger)).toEqual({ channel: 'whatsapp', id: stranger, name: stranger, bsuid: stranger });
		const told = simulator.journal.since(0).filter((entry) => entry.type === 'contact');
		expect(told).toEqual([expect.objectContaining({ contact: { channel: 'whatsapp', id: stranger, name: stranger, bsuid: stranger } })]);
		expect(simulator.journal.conversation('whatsapp', stranger)).toHaveLength(1);
	});

	it('refuses WhatsApp contacts it cannot simulate, saying why', () => {
		expect(() => mergeConfig({ contacts: [{ channel: 'whatsapp', name: 'Nobody' }] })).toThrow(/needs a phone number \(id\), a username or a bsuid/);
		expect(() => mergeConfig({ contacts: [{ channel: 'whatsapp', id: 'US.123', name: 'Wrong field' }] })).toThrow(/is not a phone number/);
		expect(() => mergeConfig({ contacts: [{ channel: 'whatsapp', username: 'x', name: 'Short' }] })).toThrow(/breaks Meta's rules/);
		expect(() => mergeConfig({ contacts: [{ channel: 'whatsapp', username: 'ok.name', bsuid: 'user.9373795779eb', name: 'Old BSUID' }] })).toThrow(/is not a business-scoped user id/);
		expect(() => mergeConfig({ contacts: [{ channel: 'viber', name: 'No id' }] })).toThrow(/viber contact No id needs an id/);
	});
});
