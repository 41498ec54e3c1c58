/**
 * A booking conversation, as workflow JSON, and a driver that plays contacts against
 * it through signed WhatsApp webhooks. Shared by the e2e suite, the queue-mode test and the
 * conversation benchmark.
 *
 *   "hi" → buttons [Book, Prices] → wait (Book/Prices only, timeout) ──Book──→ Flow CTA → wait
 *   (Flow response only) → session: booking → "Booked …"; Prices → price list; timeout →
 *   "Session expired"; "MENU" (trigger keyword) cancels the wait and starts over.
 */
import { randomUUID } from 'node:crypto';

import type { FakePlatform, RecordedRequest } from '../../simulator/platform';
import { PHONE_NUMBER_ID, postSigned, type Credentials, whatsAppMessage } from './examples-support';

export const FLOW_ID = '1234567890123456';

export interface ConversationFlowOptions {
	webhookId?: string;
	/** Seconds the first question waits before "Session expired". */
	timeoutSeconds?: number;
	/** Adds the chatflowRedisApi credential to the trigger and Conversation nodes (queue mode). */
	redisCredential?: { id: string; name: string };
	/** The Conversation node's version: 2 (default) keeps a waiting execution running for 30 s, 1 saves it at once. */
	conversationVersion?: number;
}

const TYPE = (name: string) => `n8n-nodes-chatflow.${name}`;

export function conversationWorkflow(credentials: Credentials, options: ConversationFlowOptions = {}) {
	const webhookId = options.webhookId ?? randomUUID();
	const redis = options.redisCredential ? { chatflowRedisApi: options.redisCredential } : {};
	const whatsApp = { chatflowWhatsAppApi: credentials.chatflowWhatsAppApi };
	let y = 0;
	const node = (name: string, type: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		id: randomUUID(),
		name,
		type,
		typeVersion: type === 'n8n-nodes-base.switch' ? 3.2 : type === TYPE('chatflowConversation') ? (options.conversationVersion ?? 2) : 1,
		position: [(y++ % 6) * 260, Math.floor(y / 6) * 200],
		parameters,
		...extra,
	});
	// `to`: the trigger's contact through item pairing; the Timed Out and Not Accepted items carry
	// the contact themselves.
	const send = (name: string, operation: string, parameters: Record<string, unknown>, to = "={{ $('WhatsApp Trigger').item.json.contact.id }}") =>
		node(
			name,
			TYPE('chatflowWhatsApp'),
			{
				resource: 'message',
				operation,
				phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
				to,
				messageOptions: {},
				throughput: {},
				...parameters,
			},
			{ credentials: whatsApp },
		);
	const nodes = [
		node(
			'WhatsApp Trigger',
			TYPE('chatflowWhatsAppTrigger'),
			{ registration: 'manual', events: ['message'], messageTypes: [], options: {}, conversation: { keywords: 'MENU, STOP' } },
			{ webhookId, credentials: { chatflowMetaAppApi: credentials.chatflowMetaAppApi, ...redis } },
		),
		send('Ask Choice', 'sendButtons', {
			headerType: 'none',
			body: 'What would you like to do?',
			buttons: { button: [{ id: 'book', title: 'Book' }, { id: 'prices', title: 'Prices' }] },
		}),
		node(
			'Wait for Choice',
			TYPE('chatflowConversation'),
			{
				operation: 'waitForReply',
				timeout: options.timeoutSeconds ?? 20,
				timeoutUnit: 'seconds',
				acceptReplyIds: 'book, prices',
				whenNotAccepted: 'branch',
				maxRetries: 2,
			},
			{ credentials: redis },
		),
		node('Choice', 'n8n-nodes-base.switch', {
			mode: 'expression',
			numberOutputs: 2,
			output: "={{ $json.reply.id === 'book' ? 0 : 1 }}",
		}),
		send('Send Flow', 'sendFlow', {
			flowBy: 'id',
			flowId: FLOW_ID,
			body: 'Pick a date',
			flowCta: 'Book now',
			flowMode: 'published',
			flowAction: 'navigate',
			flowScreen: 'DATE',
			flowData: '{}',
			headerType: 'none',
		}),
		node(
			'Wait for Booking',
			TYPE('chatflowConversation'),
			{ operation: 'waitForReply', timeout: 0, acceptTypes: ['flowResponse'], whenNotAccepted: 'keepWaiting', maxRetries: 3 },
			{ credentials: redis },
		),
		node(
			'Store Booking',
			TYPE('chatflowConversation'),
			{
				operation: 'session',
				sessionAction: 'merge',
				data: '={{ JSON.stringify({ booking: $json.flowResponse.responseJson }) }}',
				sessionTtlMinutes: 60,
				outputField: 'session',
			},
			{ credentials: redis },
		),
		send('Confirm', 'sendText', { text: '=Booked for {{ $json.session.variables.booking.date }}', previewUrl: false }),
		send('Prices', 'sendText', { text: 'Haircut 20 EUR, colour 45 EUR', previewUrl: false }),
		send('Expired', 'sendText', { text: 'Session expired, write hi to start again', previewUrl: false }, '={{ $json.contact.id }}'),
		send('Re-ask', 'sendText', { text: 'Please tap Book or Prices', previewUrl: false }, '={{ $json.contact.id }}'),
	];
	const to = (name: string) => [{ node: name, type: 'main', index: 0 }];
	return {
		webhookId,
		workflow: {
			name: `conversation ${webhookId}`,
			nodes,
			connections: {
				'WhatsApp Trigger': { main: [to('Ask Choice')] },
				'Ask Choice': { main: [to('Wait for Choice')] },
				'Wait for Choice': { main: [to('Choice'), to('Expired'), to('Re-ask')] },
				'Re-ask': { main: [to('Wait for Choice')] },
				Choice: { main: [to('Send Flow'), to('Prices')] },
				'Send Flow': { main: [to('Wait for Booking')] },
				'Wait for Booking': { main: [to('Store Booking')] },
				'Store Booking': { main: [to('Confirm')] },
			},
			settings: { executionOrder: 'v1' },
		},
	};
}

/** What the contact does, as WhatsApp message objects. */
export const say = {
	text: (body: string) => ({ type: 'text', text: { body } }),
	button: (id: string, title: string) => ({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title } } }),
	flowReply: (response: Record<string, unknown>) => ({
		type: 'interactive',
		interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: JSON.stringify(response) } },
	}),
};

/**
 * Who writes: a phone number (a WhatsApp payload from before BSUIDs), or a person as Meta names
 * them since 2026: phone number and BSUID, or, for a person with a username who does not share
 * their number, the BSUID and the username only.
 */
export type Person = string | { phone?: string; bsuid: string; username?: string };

/** The ids messages to `person` may be addressed to (`to` or `recipient`). */
export function idsOf(person: Person): string[] {
	return typeof person === 'string' ? [person] : [person.phone, person.bsuid].filter((id): id is string => Boolean(id));
}

export function inbound(person: Person, message: Record<string, unknown>): Record<string, unknown> {
	if (typeof person === 'string') return whatsAppMessage(person, message, `Contact ${person}`);
	const name = `Contact ${person.username ?? person.phone ?? person.bsuid}`;
	return whatsAppMessage(person.phone ?? '', message, name, person);
}

/** A compact description of every message the flow sent to `person`, in order (by phone number or BSUID). */
export function sentTo(platform: FakePlatform, person: Person): string[] {
	const ids = idsOf(person);
	return platform.requests
		.filter((request) => request.method === 'POST' && /\/messages$/.test(request.path))
		.map((request) => request.json as Record<string, any>)
		.filter((body) => ids.includes(body?.to) || ids.includes(body?.recipient))
		.map(describeSend);
}

export function describeSend(body: Record<string, any>): string {
	if (body.type === 'text') return `text:${body.text.body}`;
	if (body.type === 'interactive') return `${body.interactive.type}:${body.interactive.body?.text ?? ''}`;
	return String(body.type);
}

export function isSendTo(person: Person) {
	const ids = idsOf(person);
	return (request: RecordedRequest) => {
		const body = request.json as Record<string, unknown> | undefined;
		return ids.includes(String(body?.to)) || ids.includes(String(body?.recipient));
	};
}

/** Polls `probe` every 100 ms until it returns a value; fails naming `what` after `timeoutMs`. */
export async function until<T>(
	what: string,
	probe: () => T | undefined | false | Promise<T | undefined | false>,
	timeoutMs = 20_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/**
 * One turn of a contact: posts `message` as `contact` to the WhatsApp trigger at `url` (signed),
 * expects 200, and waits until `platform` has recorded `total` messages sent to that contact.
 */
export async function turn(
	target: { url: string; platform: FakePlatform },
	contact: Person,
	message: Record<string, unknown>,
	total: number,
	timeoutMs?: number,
): Promise<string[]> {
	const answer = await postSigned(target.url, 'whatsapp', inbound(contact, message));
	if (answer.status !== 200) throw new Error(`trigger answered ${answer.status} to ${idsOf(contact).join('/')}'s message`);
	return await until(
		`${total} messages to ${idsOf(contact).join('/')}`,
		() => {
			const sent = sentTo(target.platform, contact);
			return sent.length >= total ? sent : undefined;
		},
		timeoutMs,
	);
}
