/**
 * Waiting for a reply while the execution keeps running, for the first seconds of a wait.
 *
 * A reply that comes while the execution runs costs n8n nothing: no saved execution to load,
 * run and save again, and no window in which the execution is not yet saved as waiting and n8n
 * refuses to resume it ("running already", each refusal a full read of the execution). Most chat
 * replies come within seconds. Only when none came within *Keep Execution Running* is the
 * execution saved as waiting, as n8n's Wait node does for longer waits.
 *
 * The protocol, between this node and the trigger that receives the contact's next message:
 * 1. The node listens on `hot:<id>` and registers its wait with `hot: { id }`.
 * 2. The trigger claims the wait (atomic take: one message wins it), puts the message in the
 *    mailbox `mail:<id>` and signals `hot:<id>`; the node takes the message (atomic: once) and
 *    acknowledges on `ack:<id>`.
 * 3. When the time to keep running is up, the node withdraws exactly its registration. If a
 *    trigger claimed it first, the message is on its way: the node waits for it a little longer.
 * 4. A trigger that gets no acknowledgement takes its message back (the execution stopped: n8n
 *    restarted, or it was saved in the meantime) and starts a new execution with it, so no
 *    message is lost either way.
 */
import { randomUUID } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

import type { Signals } from '../store';
import type { AtomicStore } from '../store/atomic';
import { Doorbell } from './doorbell';
import { replyOutcome, type WaitSettings } from './replyOutcome';
import type { ResumeBody } from './route';
import { registerWait, releaseWait, type WaitRecord } from './waitRegistry';

/** How long the node waits for a message whose trigger claimed the wait as the node withdrew it. */
export const CLAIMED_MESSAGE_WAIT_MS = 10_000;
/** How long the trigger waits for the node's acknowledgement before taking its message back. */
export const ACKNOWLEDGE_WAIT_MS = 10_000;
/** How long a message may sit in a mailbox (only as long as a handover takes). */
const MAILBOX_TTL_MS = 5 * 60_000;
/** A running wait's record outlives its running time by this much at most (if its process dies). */
const RUNNING_RECORD_SLACK_MS = 60_000;

export interface RunningWait {
	store: AtomicStore;
	signals: Signals;
	settings: WaitSettings;
	/** The wait as it would be saved; it is registered with `hot` set. */
	record: WaitRecord;
	/** The Timed Out output, when the timeout comes while the execution still runs. */
	timedOut: () => INodeExecutionData[][];
	/** n8n's cancellation of the execution (stopped in the editor). */
	cancel?: AbortSignal;
}

/** The node's outputs when a reply (or the timeout) came while running; 'save' to wait saved. */
export async function waitRunning(wait: RunningWait): Promise<INodeExecutionData[][] | 'save'> {
	const { store, signals, settings } = wait;
	const id = randomUUID();
	let record: WaitRecord = { ...wait.record, hot: { id } };
	const bell = new Doorbell();
	const stop = await signals.listen(`hot:${id}`, () => bell.ring());
	/** The outputs for a delivered message, or undefined when the node waits on. */
	const handle = async (body: Partial<ResumeBody>): Promise<INodeExecutionData[][] | undefined> => {
		const outcome = await replyOutcome(settings, body, store);
		if (outcome?.kind === 'output') return outcome.outputs;
		// Not accepted (or not a chatflow message): the trigger claimed the wait, so put it back.
		record = { ...record, registeredAt: Date.now() };
		await registerWait(store, record, recordTtl());
		return undefined;
	};
	const runUntil = Date.now() + settings.keepRunningMs;
	// Past the timeout nobody can claim the record (claims check `expiresAt`), but withdrawing it
	// must still find it: only a trigger's claim may make it disappear while the node runs.
	const recordTtl = () => Math.max(1, runUntil - Date.now()) + CLAIMED_MESSAGE_WAIT_MS + RUNNING_RECORD_SLACK_MS;
	try {
		await registerWait(store, record, recordTtl());
		const deadline = record.expiresAt ?? Number.POSITIVE_INFINITY;
		for (;;) {
			const until = Math.min(runUntil, deadline);
			await bell.wait(until - Date.now(), wait.cancel);
			const delivered = await takeMessage(store, signals, id);
			if (delivered) {
				const outputs = await handle(delivered);
				if (outputs) return outputs;
				continue;
			}
			if (wait.cancel?.aborted) {
				await releaseWait(store, record);
				return [[], [], []];
			}
			if (Date.now() < until) continue;
			if (!(await releaseWait(store, record))) {
				// A trigger claimed the wait just now: its message is on the way.
				await bell.wait(CLAIMED_MESSAGE_WAIT_MS, wait.cancel);
				const late = await takeMessage(store, signals, id);
				if (late) {
					const outputs = await handle(late);
					if (outputs) return outputs;
					if (Date.now() < deadline) continue;
					await releaseWait(store, record);
				}
			}
			return Date.now() >= deadline ? wait.timedOut() : 'save';
		}
	} finally {
		await stop();
	}
}

/**
 * The trigger's side: hands `body` to the running execution that registered `wait`. True when it
 * took the message; false when nobody did (the execution no longer runs), and the message is
 * taken back, for a new execution.
 */
export async function deliverToRunning(
	store: AtomicStore,
	signals: Signals,
	wait: WaitRecord,
	body: ResumeBody,
	acknowledgeWaitMs = ACKNOWLEDGE_WAIT_MS,
): Promise<boolean> {
	const id = wait.hot!.id;
	const bell = new Doorbell();
	const stop = await signals.listen(`ack:${id}`, () => bell.ring());
	try {
		await store.set(`mail:${id}`, JSON.stringify(body), MAILBOX_TTL_MS);
		await signals.notify(`hot:${id}`);
		if (await bell.wait(acknowledgeWaitMs)) return true;
		// Taken back unless the execution took it after all (its acknowledgement was late).
		return (await store.take(`mail:${id}`)) === undefined;
	} finally {
		await stop();
	}
}

async function takeMessage(store: AtomicStore, signals: Signals, id: string): Promise<Partial<ResumeBody> | undefined> {
	const raw = await store.take(`mail:${id}`);
	if (raw === undefined) return undefined;
	await signals.notify(`ack:${id}`);
	try {
		return JSON.parse(raw) as Partial<ResumeBody>;
	} catch {
		return {};
	}
}
