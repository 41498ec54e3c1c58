/**
 * The Chatflow Conversation node run by n8n-core's real engine (test/support/harness): Session
 * operations item by item, contact found on the item or through pairing to the trigger, errors
 * naming the field, continueOnFail; Wait for Reply refusing items of several contacts.
 */
import { randomUUID } from 'node:crypto';

import { getSession, openConversationSignals, openConversationStore, peekWait, routeToConversation, type WaitRecord } from '../../../nodes/shared/conversation';
import { RECIPIENT_FORMS } from '../../../nodes/shared/identity';
import type { ChatEvent } from '../../../nodes/shared/ingestion';
import { runWorkflow, type WorkflowJson } from '../../support/harness';

const TRIGGER = 'n8n-nodes-chatflow.chatflowWhatsAppTrigger';
const CONVERSATION = 'n8n-nodes-chatflow.chatflowConversation';

function inbound(contactId: string, text = 'hi') {
	return { channel: 'whatsapp', event: 'message', accountId: '1055', contact: { id: contactId, name: 'X' }, type: 'text', text, raw: {} };
}

function flow(nodes: Array<{ name: string; parameters: Record<string, unknown>; type?: string; onError?: string; typeVersion?: number }>) {
	const all = [
		{ id: randomUUID(), name: 'Trigger', type: TRIGGER, typeVersion: 1, position: [0, 0], parameters: {} },
		...nodes.map((node, index) => ({
			id: randomUUID(),
			name: node.name,
			type: node.type ?? CONVERSATION,
			typeVersion: node.typeVersion ?? (node.type ? 3.4 : 1),
			position: [(index + 1) * 200, 0],
			parameters: node.parameters,
			...(node.onError ? { onError: node.onError } : {}),
		})),
	];
	const connections: Record<string, unknown> = {};
	all.slice(0, -1).forEach((node, index) => (connections[node.name] = { main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] }));
	return { nodes: all, connections } as unknown as WorkflowJson;
}

describe('Chatflow Conversation node (in-process engine)', () => {
	it('Wait for Reply (version 2) continues the still-running execution with the reply the trigger routes to it', async () => {
		const contactId = `w-${randomUUID()}`;
		const contact = { channel: 'whatsapp' as const, accountId: '1055', contactId };
		const store = openConversationStore(undefined);
		const running = runWorkflow({
			workflow: flow([
				{ name: 'Ask', typeVersion: 2, parameters: { operation: 'waitForReply', acceptReplyIds: 'yes', timeout: 0 } },
				{ name: 'After', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
			]),
			input: [inbound(contactId)],
		});
		let wait: WaitRecord | undefined;
		for (let attempt = 0; attempt < 500 && !wait?.hot; attempt++) {
			wait = await peekWait(store, contact);
			if (!wait?.hot) await new Promise((resolve) => setTimeout(resolve, 10));
		}
		expect(wait).toMatchObject({ nodeName: 'Ask', hot: { id: expect.any(String) } });
		const reply: ChatEvent = {
			channel: 'whatsapp',
			event: 'message',
			accountId: '1055',
			businessAccountId: '',
			contact: { id: contactId, name: 'X', key: contactId },
			messageId: 'wamid.R',
			timestamp: '',
			type: 'reply',
			platformType: 'button',
			text: 'Yes',
			reply: { id: 'yes', title: 'Yes' },
			raw: {},
		};
		const decision = await routeToConversation(reply, {
			store,
			signals: openConversationSignals(undefined),
			post: async () => {
				throw new Error('a running wait must not be resumed over HTTP');
			},
		});
		expect(decision).toMatchObject({ route: 'resumed', emit: false });
		const result = await running;
		expect(result.status).toBe('success');
		expect(result.outputs('Ask')[0].map((item) => item.json.reply)).toEqual([{ id: 'yes', title: 'Yes' }]);
		expect(result.output('After')).toHaveLength(1);
		expect(await peekWait(store, contact)).toBeUndefined();
	});

	it('sets, merges and reads each contact\'s own session, item by item, paired', async () => {
		const [a, b] = [`a-${randomUUID()}`, `b-${randomUUID()}`];
		const result = await runWorkflow({
			workflow: flow([
				{ name: 'Set', parameters: { operation: 'session', sessionAction: 'set', variables: { variable: [{ name: 'name', value: '={{ $json.text }}' }] }, sessionTtlMinutes: 5 } },
				{ name: 'Merge', parameters: { operation: 'session', sessionAction: 'merge', data: '{"booking":{"people":2}}' } },
				{ name: 'Step', parameters: { operation: 'session', sessionAction: 'setStep', step: 'askDate' } },
				{ name: 'Get', parameters: { operation: 'session', sessionAction: 'get', outputField: 'state' } },
			]),
			input: [inbound(a, 'Ana'), inbound(b, 'Ben')],
		});
		expect(result.status).toBe('success');
		const out = result.outputs('Get')[0];
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.state).toMatchObject({ variables: { name: 'Ana', booking: { people: 2 } }, step: 'askDate', expired: false });
		expect(out[1].json.state).toMatchObject({ variables: { name: 'Ben', booking: { people: 2 } }, step: 'askDate' });
		expect((await getSession(openConversationStore(undefined), { channel: 'whatsapp', accountId: '1055', contactId: a })).variables.name).toBe('Ana');
	});

	it('finds the contact through pairing when a node in between replaced the item', async () => {
		const contact = `p-${randomUUID()}`;
		const result = await runWorkflow({
			workflow: flow([
				{ name: 'Replace', type: 'n8n-nodes-base.set', parameters: { mode: 'raw', jsonOutput: '{ "sent": true }', options: {} } },
				{ name: 'Step', parameters: { operation: 'session', sessionAction: 'setStep', step: 'two' } },
			]),
			input: [inbound(contact)],
		});
		expect(result.status).toBe('success');
		expect(result.output('Step')[0]).toMatchObject({ sent: true, session: { step: 'two' } });
	});

	it('names the field on bad input, and continueOnFail keeps the other items', async () => {
		const failing = await runWorkflow({
			workflow: flow([{ name: 'Merge', parameters: { operation: 'session', sessionAction: 'merge', data: '[1, 2]' } }]),
			input: [inbound(`c-${randomUUID()}`)],
		});
		expect(failing.status).toBe('error');
		expect(failing.error?.message).toContain('Data (JSON): must be a JSON object');

		const tolerant = await runWorkflow({
			workflow: flow([{ name: 'Merge', onError: 'continueRegularOutput', parameters: { operation: 'session', sessionAction: 'merge', data: '={{ $json.text === "bad" ? "[1]" : "{\\"ok\\":1}" }}' } }]),
			input: [inbound(`d-${randomUUID()}`, 'fine'), inbound(`e-${randomUUID()}`, 'bad'), { no: 'contact' }],
		});
		const out = tolerant.output('Merge');
		expect(out).toHaveLength(3);
		expect(out[0]).toMatchObject({ session: { variables: { ok: 1 } } });
		expect(out[1].error).toContain('Data (JSON)');
		expect(out[2].error).toContain('Contact: could not find the contact');
	});

	it('Define Below takes a WhatsApp phone number in any notation or a (parent) BSUID, and refuses anything else naming the accepted forms', async () => {
		const bsuid = `US.${randomUUID().replace(/-/g, '')}`;
		const parent = `US.ENT.${randomUUID().replace(/-/g, '')}`;
		const digits = `49151${String(Date.now()).slice(-7)}`;
		const result = await runWorkflow({
			workflow: flow([
				{
					name: 'Set',
					onError: 'continueRegularOutput',
					parameters: {
						operation: 'session',
						sessionAction: 'set',
						contactSource: 'define',
						channel: 'whatsapp',
						accountId: '1055',
						contactId: '={{ $json.who }}',
						variables: { variable: [{ name: 'who', value: '={{ $json.who }}' }] },
					},
				},
			]),
			input: [{ who: `+49 151 ${digits.slice(5)}` }, { who: bsuid }, { who: parent }, { who: 'ada@example.com' }, { who: '12345' }],
		});
		const out = result.output('Set');
		expect(out).toHaveLength(5);
		const session = async (contactId: string) => (await getSession(openConversationStore(undefined), { channel: 'whatsapp', accountId: '1055', contactId })).variables;
		expect(await session(digits)).toEqual({ who: `+49 151 ${digits.slice(5)}` });
		expect(await session(bsuid)).toEqual({ who: bsuid });
		expect(await session(parent)).toEqual({ who: parent });
		expect(out[3].error).toBe(`Contact ID: "ada@example.com" is neither a phone number nor a business-scoped user ID; use ${RECIPIENT_FORMS}`);
		expect(out[4].error).toBe(`Contact ID: "12345" is not a phone number with country code (6 to 20 digits); use ${RECIPIENT_FORMS}`);
		expect(await session('ada@example.com')).toEqual({});
	});

	it('Wait for Reply refuses to wait for several contacts in one execution', async () => {
		const result = await runWorkflow({
			workflow: flow([{ name: 'Wait', parameters: { operation: 'waitForReply' } }]),
			input: [inbound(`f-${randomUUID()}`), inbound(`g-${randomUUID()}`)],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('items 0 and 1 belong to different contacts');
	});
});
