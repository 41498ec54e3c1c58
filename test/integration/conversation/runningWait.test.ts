/**
 * Waiting for a reply while the execution keeps running: the node's side (waitRunning) and the
 * trigger's (routeToConversation → deliverToRunning) against both stores, the trigger on a store
 * and signals of its own (another process, for Redis). A resume POST would fail the test: a reply
 * to a running wait goes through the mailbox, never over HTTP.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import {
	claimWait,
	parseKeywords,
	peekWait,
	registerWait,
	routeToConversation,
	waitRunning,
	type RouteOptions,
	type WaitRecord,
	type WaitSettings,
} from '../../../nodes/shared/conversation';
import type { ChatEvent } from '../../../nodes/shared/ingestion';
import { closeRedisConnections } from '../../../nodes/shared/store';
import { BACKENDS, dropRedisTestKeys, freshContact, inboundMessage, waitRecord } from './backends';

afterAll(async () => {
	await dropRedisTestKeys();
	await closeRedisConnections();
});

const noHttp: RouteOptions['post'] = async (url) => {
	throw new Error(`a running wait was resumed over HTTP (${url})`);
};

const settings = (overrides: Partial<WaitSettings> = {}): WaitSettings => ({
	timeoutMs: 0,
	accept: {},
	whenNotAccepted: 'branch',
	maxRetries: 3,
	keepRunningMs: 10_000,
	...overrides,
});

const message = (contact: ReturnType<typeof freshContact>, text: string, reply?: string): ChatEvent =>
	inboundMessage(contact, text, reply ? { type: 'reply', reply: { id: reply, title: text } } : {});
const record = waitRecord;

const timedOut = (): INodeExecutionData[][] => [[], [{ json: { timedOut: true } }], []];

/** Resolves once the contact's wait is registered as running (the node listens). */
async function registered(store: Parameters<typeof peekWait>[0], contact: ReturnType<typeof freshContact>): Promise<WaitRecord> {
	for (let attempt = 0; attempt < 200; attempt++) {
		const wait = await peekWait(store, contact);
		if (wait?.hot) return wait;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error('the running wait was never registered');
}

describe.each(BACKENDS)('a wait while the execution keeps running (%s)', (_name, open, openSignals) => {
	const node = { store: open(), signals: openSignals() };
	// A running node takes its message within milliseconds; 5 s leaves room for a stalled machine.
	// Only the test where nobody runs any more waits that long, so it sets a short time itself.
	const trigger = (acknowledgeWaitMs = 5_000): RouteOptions => ({ store: open(), signals: openSignals(), post: noHttp, acknowledgeWaitMs });

	it('a reply continues the running execution on Reply, with no HTTP and nothing saved', async () => {
		const contact = freshContact();
		const waiting = waitRunning({ ...node, settings: settings({ accept: { replyIds: ['book'] } }), record: record(contact, 'e-run-1'), timedOut });
		await registered(node.store, contact);
		const decision = await routeToConversation(message(contact, 'Book', 'book'), trigger());
		expect(decision).toMatchObject({ route: 'resumed', emit: false, executionId: 'e-run-1', attempts: 1 });
		const outputs = await waiting;
		expect(outputs).not.toBe('save');
		expect((outputs as INodeExecutionData[][])[0].map((item) => item.json.text)).toEqual(['Book']);
		expect(await peekWait(node.store, contact)).toBeUndefined();
	});

	it('a reply that is not accepted leaves on Not Accepted; with "keep waiting" the node waits on for the next', async () => {
		const branching = freshContact();
		const waiting = waitRunning({ ...node, settings: settings({ accept: { replyIds: ['book'] } }), record: record(branching, 'e-run-2'), timedOut });
		await registered(node.store, branching);
		await routeToConversation(message(branching, 'what?'), trigger());
		expect(((await waiting) as INodeExecutionData[][])[2][0].json).toMatchObject({ text: 'what?', accepted: false, attempt: 1, retriesLeft: 2 });

		const patient = freshContact();
		const keepWaiting = waitRunning({ ...node, settings: settings({ accept: { replyIds: ['book'] }, whenNotAccepted: 'keepWaiting' }), record: record(patient, 'e-run-3'), timedOut });
		await registered(node.store, patient);
		expect((await routeToConversation(message(patient, 'sticker'), trigger())).route).toBe('resumed');
		// The wait is back, still running, for the next message.
		await registered(node.store, patient);
		await routeToConversation(message(patient, 'Book', 'book'), trigger());
		expect(((await keepWaiting) as INodeExecutionData[][])[0][0].json.text).toBe('Book');
	});

	it('the timeout while running leaves on Timed Out, and the wait is gone', async () => {
		const contact = freshContact();
		const outcome = await waitRunning({ ...node, settings: settings({ timeoutMs: 300 }), record: record(contact, 'e-run-4', 300), timedOut });
		expect(outcome).toEqual(timedOut());
		expect(await peekWait(node.store, contact)).toBeUndefined();
	});

	it('when no reply came in time, the registration is withdrawn and the node asks to be saved as waiting', async () => {
		const contact = freshContact();
		expect(await waitRunning({ ...node, settings: settings({ keepRunningMs: 200 }), record: record(contact, 'e-run-5'), timedOut })).toBe('save');
		expect(await peekWait(node.store, contact)).toBeUndefined();
	});

	it('a trigger that claimed the wait just as the node withdrew it still gets its message through', async () => {
		const contact = freshContact();
		// 1.5 s is the node's running time: the claim below must land before it, even on a stalled machine.
		const waiting = waitRunning({ ...node, settings: settings({ keepRunningMs: 1_500 }), record: record(contact, 'e-run-6'), timedOut });
		await registered(node.store, contact);
		// The claim wins the race: the node's withdrawal then fails, so it waits for the message.
		const claimed = await claimWait(node.store, contact);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		const { deliverToRunning } = await import('../../../nodes/shared/conversation');
		expect(await deliverToRunning(node.store, node.signals, claimed!, { chatflowConversation: 'reply', event: message(contact, 'late but here'), wait: claimed! })).toBe(true);
		expect(((await waiting) as INodeExecutionData[][])[0][0].json.text).toBe('late but here');
	});

	it('nobody runs any more (n8n restarted): the trigger takes its message back and starts a new execution with it', async () => {
		const contact = freshContact();
		await registerWait(node.store, { ...record(contact, 'e-gone'), hot: { id: `gone-${contact.contactId}` } });
		const decision = await routeToConversation(message(contact, 'anyone?'), trigger(500));
		expect(decision).toMatchObject({ route: 'none', emit: true });
		expect(decision.event.text).toBe('anyone?');
		expect(await node.store.get(`mail:gone-${contact.contactId}`)).toBeUndefined();
	});

	it('a keyword ends the running execution quietly and starts over', async () => {
		const contact = freshContact();
		const waiting = waitRunning({ ...node, settings: settings(), record: record(contact, 'e-run-7'), timedOut });
		await registered(node.store, contact);
		const decision = await routeToConversation(message(contact, 'MENU'), { ...trigger(), keywords: parseKeywords('MENU', 'exact') });
		expect(decision).toMatchObject({ route: 'keyword', emit: true, executionId: 'e-run-7' });
		expect(await waiting).toEqual([[], [], []]);
	});

	it('stopping the execution in the editor withdraws its wait', async () => {
		const contact = freshContact();
		const stop = new AbortController();
		const waiting = waitRunning({ ...node, settings: settings(), record: record(contact, 'e-run-8'), timedOut, cancel: stop.signal });
		await registered(node.store, contact);
		stop.abort();
		expect(await waiting).toEqual([[], [], []]);
		expect(await peekWait(node.store, contact)).toBeUndefined();
	});
});
