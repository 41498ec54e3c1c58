/**
 * The trigger seam: what happens to one fresh (de-duplicated) inbound event.
 *
 *   keyword      the text (or tapped button) is a global keyword: the contact's waiting execution,
 *                if any, is cancelled and the event starts a new execution flagged `keyword`
 *   resumed      the contact has a waiting execution: the event is POSTed to its resume URL
 *   none         nobody waits (or the wait could not be resumed): a new execution as usual
 *
 * The wait record is claimed atomically before anything is POSTed, so of two messages racing for
 * one wait exactly one resumes it, and a message is never delivered to two executions unless the
 * trigger says "both".
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';
import { sleep as n8nSleep } from 'n8n-workflow';

import type { ChatEvent } from '../ingestion';
import type { Signals } from '../store';
import type { AtomicStore } from '../store/atomic';
import { contactKey, contactOf } from './contact';
import { matchKeyword, type KeywordRule } from './keywords';
import { deliverToRunning } from './runningWait';
import { claimWait, type WaitRecord } from './waitRegistry';

export type RouteOutcome = 'resumed' | 'keyword' | 'none';

/** What the trigger does with a contact's message while an execution waits for that contact. */
export type WhenWaiting = 'resume' | 'startNew' | 'both';

export interface RouteDecision {
	route: RouteOutcome;
	/** Whether the trigger should start a new execution with `event`. */
	emit: boolean;
	/** The event to emit (flagged with `keyword` on the keyword route). */
	event: ChatEvent;
	/** The execution that was resumed or cancelled. */
	executionId?: string;
	/** POSTs it took to resume (more than 1 when n8n was still saving the execution as waiting). */
	attempts?: number;
	/** Set when n8n gave no clear answer (5xx, no response): treated as resumed, never re-delivered. */
	uncertain?: string;
}

/** The body POSTed to a waiting execution's resume URL (read by the Conversation node's webhook). */
export interface ResumeBody extends IDataObject {
	chatflowConversation: 'reply' | 'cancel';
	event: ChatEvent;
	/** The claimed wait (the node puts it back when it keeps waiting). */
	wait: WaitRecord;
	keyword?: string;
}

/** POSTs JSON to a URL and reports the status (never throws for HTTP statuses). */
export type ResumePoster = (url: string, body: ResumeBody) => Promise<{ statusCode: number; body?: unknown }>;

export interface RouteOptions {
	/** The conversation store (see `openConversationStore`). */
	store: AtomicStore;
	/** Wakes executions that wait while still running (see `runningWait`). */
	signals: Signals;
	keywords?: readonly KeywordRule[];
	whenWaiting?: WhenWaiting;
	post: ResumePoster;
	/**
	 * How long to keep retrying while n8n answers 409 "running already": the node registers its
	 * wait a moment before n8n has saved the execution as waiting (seconds on a loaded machine).
	 */
	runningRetryMs?: number;
	/** How long to wait for a running execution to take a message before taking it back. */
	acknowledgeWaitMs?: number;
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
	log?: (level: 'debug' | 'warn', message: string) => void;
}

/** Event kinds that can answer a question: messages and Messenger/Instagram postbacks. */
const ROUTABLE_EVENTS = new Set(['message', 'postback']);

export async function routeToConversation(event: ChatEvent, options: RouteOptions): Promise<RouteDecision> {
	const contact = contactOf(event);
	if (!contact || !ROUTABLE_EVENTS.has(event.event)) return { route: 'none', emit: true, event };
	const keyword = matchKeyword(options.keywords ?? [], event);
	const whenWaiting = options.whenWaiting ?? 'resume';
	if (!keyword && whenWaiting === 'startNew') return { route: 'none', emit: true, event };
	// One contact's messages are routed one after the other, in every process: a message that
	// arrives while the previous one is still resuming (or being ignored, which puts the wait
	// back) sees the wait as that message left it.
	return await withContactLock(options, contactKey(contact), async () => {
		if (keyword) {
			const wait = await claimWait(options.store, contact, (options.now ?? Date.now)());
			if (wait) {
				const outcome = await resume(wait, { chatflowConversation: 'cancel', event, wait, keyword: keyword.keyword }, options);
				if (!outcome.ok) options.log?.('debug', `could not cancel waiting execution ${wait.executionId}: ${outcome.reason}`);
			}
			return { route: 'keyword', emit: true, event: { ...event, keyword: keyword.keyword }, executionId: wait?.executionId };
		}
		const wait = await claimWait(options.store, contact, (options.now ?? Date.now)());
		if (!wait) return { route: 'none', emit: true, event };
		const outcome = await resume(wait, { chatflowConversation: 'reply', event, wait }, options);
		if (!outcome.ok) {
			// The wait is gone (timed out, finished, deleted): the message starts a new execution.
			options.log?.('warn', `could not resume waiting execution ${wait.executionId} (${outcome.reason}); starting a new execution`);
			return { route: 'none', emit: true, event };
		}
		if (outcome.uncertain) {
			options.log?.('warn', `resuming execution ${wait.executionId} got no clear answer (${outcome.uncertain}); not delivering the message elsewhere`);
		} else if (outcome.attempts > 1) {
			options.log?.('debug', `resumed execution ${wait.executionId} after ${outcome.attempts} attempts (${outcome.waitedMs} ms)`);
		}
		return { route: 'resumed', emit: whenWaiting === 'both', event, executionId: wait.executionId, attempts: outcome.attempts, uncertain: outcome.uncertain };
	});
}

/** How long a contact's routing lock lives at most (a crashed holder frees it by then). */
const LOCK_TTL_MS = 60_000;
/** How long a message waits for the previous one of its contact before going ahead anyway. */
const LOCK_WAIT_MS = 30_000;

async function withContactLock<T>(options: RouteOptions, contact: string, task: () => Promise<T>): Promise<T> {
	const sleep = options.sleep ?? n8nSleep;
	const now = options.now ?? Date.now;
	const key = `lock:${contact}`;
	const token = randomUUID();
	const deadline = now() + LOCK_WAIT_MS;
	let delay = 5;
	let locked = await options.store.setIfAbsent(key, token, LOCK_TTL_MS);
	while (!locked && now() < deadline) {
		await sleep(delay);
		delay = Math.min(delay * 2, 100);
		locked = await options.store.setIfAbsent(key, token, LOCK_TTL_MS);
	}
	if (!locked) options.log?.('warn', `a message of contact ${contact} waited ${LOCK_WAIT_MS} ms for the previous one; routing it anyway`);
	try {
		return await task();
	} finally {
		if (locked) await options.store.deleteIfEquals(key, token);
	}
}

// Each 409 costs n8n a read of the whole execution, so retries back off: the save that ends the
// window usually takes tens of milliseconds, seconds on a saturated n8n.
type ResumeOutcome =
	| { ok: true; attempts: number; waitedMs: number; uncertain?: string }
	| { ok: false; reason: string };

const RETRY_FIRST_MS = 20;
const FRESH_WAIT_MS = 250;
// Up to 2 s between tries: trying every 250 ms would add a full execution read per try to the
// very load that delays the save.
const RETRY_MAX_MS = 2_000;

async function resume(
	wait: WaitRecord,
	body: ResumeBody,
	options: RouteOptions,
): Promise<ResumeOutcome> {
	const sleep = options.sleep ?? n8nSleep;
	const now = options.now ?? Date.now;
	const started = now();
	if (wait.hot) {
		// The execution still runs: hand the message over in the store, no HTTP, no 409 window.
		const taken = await deliverToRunning(options.store, options.signals, wait, body, options.acknowledgeWaitMs);
		return taken ? { ok: true, attempts: 1, waitedMs: now() - started } : { ok: false, reason: 'the waiting execution no longer runs (it was saved or n8n restarted)' };
	}
	const deadline = started + (options.runningRetryMs ?? 120_000);
	// A reply right after the question: n8n is most likely still saving the execution as
	// waiting. Give it a moment first rather than a certain 409 (each costs n8n a full read).
	const fresh = wait.registeredAt + FRESH_WAIT_MS - now();
	if (fresh > 0) await sleep(Math.min(fresh, FRESH_WAIT_MS));
	let delay = RETRY_FIRST_MS;
	for (let attempts = 1; ; attempts++) {
		let answer: { statusCode: number; body?: unknown };
		try {
			answer = await options.post(wait.resumeUrl, body);
		} catch (error) {
			// No answer (network error, timeout): n8n may or may not have resumed. Retrying could
			// answer the execution's next question with this message, and a new execution could
			// run the message twice: deliver at most once.
			return { ok: true, uncertain: `${(error as Error).message}`, attempts, waitedMs: now() - started };
		}
		if (answer.statusCode >= 200 && answer.statusCode < 300) return { ok: true, attempts, waitedMs: now() - started };
		const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? '');
		const summary = `HTTP ${answer.statusCode} ${text.slice(0, 200)}`;
		if (answer.statusCode >= 500) return { ok: true, uncertain: summary, attempts, waitedMs: now() - started };
		// 409 "running already": the node registered its wait and n8n has not saved the execution
		// as waiting yet. Nothing was resumed, so retrying is safe.
		const stillRunning = answer.statusCode === 409 && /running already/i.test(text);
		if (!stillRunning || now() >= deadline) return { ok: false, reason: summary };
		await sleep(delay);
		delay = Math.min(Math.ceil(delay * 1.5), RETRY_MAX_MS);
	}
}
