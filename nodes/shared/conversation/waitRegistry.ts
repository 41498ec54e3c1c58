/**
 * Which execution waits for which contact's next message. One record per contact
 * (`wait:<channel>:<account>:<contact key>`): registered by the Conversation node before its
 * execution goes to wait, claimed (read and deleted in one atomic step) by the trigger that
 * receives the contact's next message. Only one claimer can win, so one message resumes one wait,
 * once. A wait registered under a WhatsApp phone number is found from a message that names the
 * same person by BSUID too (`contactRecords`).
 */
import type { KeyValueStore } from '../store';
import type { ContactRef } from './contact';
import { linkAliases, locateContact, moveRecord } from './contactRecords';

/** Which replies the waiting node accepts (empty lists: any message). */
export interface AcceptRule {
	/** Normalised message types (`text`, `reply`, `flowResponse`, `image`, ...). */
	types?: string[];
	/** Button / list row / quick reply / postback ids. */
	replyIds?: string[];
}

export interface WaitRecord {
	executionId: string;
	/** `$execution.resumeUrl` of the waiting execution (with its resume token). */
	resumeUrl: string;
	/** Name of the waiting node, for logs and cancellation messages. */
	nodeName: string;
	contact: ContactRef;
	accept?: AcceptRule;
	/** Epoch ms. */
	registeredAt: number;
	/** Epoch ms after which the wait has timed out; absent: waits until answered or cancelled. */
	expiresAt?: number;
	/**
	 * Set while the execution waits running (in memory) rather than saved: the message goes to
	 * its mailbox `mail:<id>` and a signal `hot:<id>` wakes it, instead of the resume URL.
	 */
	hot?: { id: string };
}

const PREFIX = 'wait:';

/**
 * Registers (or replaces) the contact's wait. A newer wait replaces an older one for the same
 * contact: the contact's next message goes to the most recent question. The record lives until
 * the wait's timeout, or for `ttlMs` when given (a running wait's record must outlive its timeout
 * by the handover time, and must not outlive the process that waits).
 */
export async function registerWait(store: KeyValueStore, record: WaitRecord, ttlMs?: number): Promise<void> {
	ttlMs ??= record.expiresAt !== undefined ? Math.max(1, record.expiresAt - record.registeredAt) : undefined;
	const location = await locateContact(store, record.contact);
	await store.set(`${PREFIX}${location.primary}`, JSON.stringify(record), ttlMs);
	await linkAliases(store, record.contact, location);
}

/**
 * Takes the contact's wait: of several concurrent callers at most one gets the record.
 * Expired or unreadable records count as no wait.
 */
export async function claimWait(store: KeyValueStore, contact: ContactRef, now = Date.now()): Promise<WaitRecord | undefined> {
	const location = await locateContact(store, contact);
	for (const key of [location.primary, ...location.fallbacks]) {
		const record = parseWait(await store.take(`${PREFIX}${key}`));
		if (record && !(record.expiresAt !== undefined && record.expiresAt <= now)) return record;
	}
	return undefined;
}

/** The contact's wait without claiming it (for display and tests). */
export async function peekWait(store: KeyValueStore, contact: ContactRef): Promise<WaitRecord | undefined> {
	const location = await locateContact(store, contact);
	for (const key of [location.primary, ...location.fallbacks]) {
		const record = parseWait(await store.get(`${PREFIX}${key}`));
		if (record) return record;
	}
	return undefined;
}

/** Removes the contact's wait only while it still belongs to `executionId`. */
export async function cancelWait(store: KeyValueStore, contact: ContactRef, executionId: string): Promise<boolean> {
	const location = await locateContact(store, contact);
	for (const key of [location.primary, ...location.fallbacks]) {
		const raw = await store.get(`${PREFIX}${key}`);
		if (raw && parseWait(raw)?.executionId === executionId) return await store.deleteIfEquals(`${PREFIX}${key}`, raw);
	}
	return false;
}

/**
 * Withdraws exactly this registration (the same record, not a newer one). False when a trigger
 * claimed it first: its message is on the way.
 */
export async function releaseWait(store: KeyValueStore, record: WaitRecord): Promise<boolean> {
	const location = await locateContact(store, record.contact);
	return await store.deleteIfEquals(`${PREFIX}${location.primary}`, JSON.stringify(record));
}

/** Moves a waiting conversation to the person's new identity (their answer still reaches it). */
export async function moveWait(store: KeyValueStore, from: ContactRef, to: ContactRef, now = Date.now()): Promise<boolean> {
	return await moveRecord(store, PREFIX, from, to, (raw) => {
		const expiresAt = parseWait(raw)?.expiresAt;
		return expiresAt === undefined ? undefined : expiresAt - now;
	});
}

function parseWait(raw: string | undefined): WaitRecord | undefined {
	if (raw === undefined) return undefined;
	try {
		const value = JSON.parse(raw) as WaitRecord;
		return typeof value?.executionId === 'string' && typeof value.resumeUrl === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}

/** Whether `event` is a reply the wait accepts. */
export function accepts(rule: AcceptRule | undefined, event: { type?: unknown; reply?: { id?: unknown } }): boolean {
	const types = rule?.types?.filter(Boolean) ?? [];
	const replyIds = rule?.replyIds?.filter(Boolean) ?? [];
	if (types.length && !types.includes(String(event.type ?? ''))) return false;
	if (replyIds.length && !replyIds.includes(String(event.reply?.id ?? ''))) return false;
	return true;
}
