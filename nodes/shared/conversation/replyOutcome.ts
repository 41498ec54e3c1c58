/**
 * What a message delivered to a waiting Wait for Reply node does, whether it came through n8n's
 * resume URL (a saved waiting execution) or through the mailbox of an execution still running:
 * leave on Reply, on Not Accepted, on Timed Out (too many retries), end quietly (a keyword
 * cancelled the conversation), or keep waiting.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ChatEvent } from '../ingestion';
import type { AtomicStore } from '../store/atomic';
import { contactFields, contactOf, type ContactRef } from './contact';
import type { ResumeBody } from './route';
import { accepts, type AcceptRule, type WaitRecord } from './waitRegistry';

export const OUTPUT = { reply: 0, timedOut: 1, notAccepted: 2 } as const;

export interface WaitSettings {
	timeoutMs: number;
	accept: AcceptRule;
	whenNotAccepted: 'branch' | 'passThrough' | 'keepWaiting';
	maxRetries: number;
	/** How long the execution keeps running (in memory) while it waits, before it is saved. */
	keepRunningMs: number;
}

export type ReplyOutcome =
	/** The node's outputs: Reply, Timed Out, Not Accepted. */
	| { kind: 'output'; outputs: INodeExecutionData[][]; response: IDataObject }
	/** The message was not accepted and the node waits on (the wait must be put back). */
	| { kind: 'keepWaiting'; response: IDataObject };

/** The outcome of `body` for a node with `settings`; undefined when `body` is no chatflow message. */
export async function replyOutcome(settings: WaitSettings, body: Partial<ResumeBody>, store: AtomicStore): Promise<ReplyOutcome | undefined> {
	const event = body.event as ChatEvent | undefined;
	if (!event || !contactOf(event) || (body.chatflowConversation !== 'reply' && body.chatflowConversation !== 'cancel')) return undefined;
	if (body.chatflowConversation === 'cancel') {
		// A keyword restarted the conversation elsewhere: end this execution quietly.
		return { kind: 'output', outputs: [[], [], []], response: { resumed: true, cancelled: true } };
	}
	const wait = body.wait as WaitRecord | undefined;
	const retries = { store, key: `retries:${wait?.executionId ?? ''}:${encodeURIComponent(wait?.nodeName ?? '')}` };
	const paired = { item: 0 };
	if (accepts(settings.accept, event)) {
		await retryCounter(retries, 'reset');
		return { kind: 'output', outputs: [[{ json: event, pairedItem: paired }], [], []], response: { resumed: true } };
	}
	if (settings.whenNotAccepted === 'passThrough') {
		return { kind: 'output', outputs: [[{ json: { ...event, accepted: false }, pairedItem: paired }], [], []], response: { resumed: true, accepted: false } };
	}
	const attempt = await retryCounter(retries, 'increment');
	if (attempt > settings.maxRetries) {
		await retryCounter(retries, 'reset');
		const timedOut = { ...timeoutJson(contactOf(event)!, 'maxRetries'), lastReply: event };
		return { kind: 'output', outputs: [[], [{ json: timedOut, pairedItem: paired }], []], response: { resumed: true, accepted: false } };
	}
	if (settings.whenNotAccepted === 'keepWaiting') return { kind: 'keepWaiting', response: { resumed: false, accepted: false, attempt } };
	const notAccepted = { ...event, accepted: false, attempt, retriesLeft: settings.maxRetries - attempt };
	return { kind: 'output', outputs: [[], [], [{ json: notAccepted, pairedItem: paired }]], response: { resumed: true, accepted: false } };
}

/** The item of the Timed Out output. */
export function timeoutJson(contact: ContactRef, reason: 'timeout' | 'maxRetries', record?: WaitRecord): IDataObject {
	return {
		timedOut: true,
		reason,
		channel: contact.channel,
		accountId: contact.accountId,
		contact: contactFields(contact),
		...(record ? { waitingSince: new Date(record.registeredAt).toISOString() } : {}),
		...(record?.expiresAt ? { timedOutAt: new Date(record.expiresAt).toISOString() } : {}),
	};
}

/** Consecutive not-accepted replies of this wait (per execution and node, kept in the store). */
async function retryCounter(counter: { store: AtomicStore; key: string }, action: 'increment' | 'reset'): Promise<number> {
	if (action === 'reset') {
		await counter.store.delete(counter.key);
		return 0;
	}
	const next = await counter.store.update(counter.key, (current) => String((Number(current) || 0) + 1), 7 * 86_400_000);
	return Number(next);
}
