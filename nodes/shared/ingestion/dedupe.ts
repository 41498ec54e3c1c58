import { createHash, randomUUID } from 'node:crypto';

import type { KeyValueStore } from '../store';
import type { ChatEvent } from './types';

/** Events whose id names them: redeliveries carry the same id (and status for statuses). */
const ID_KEYED = new Set(['message', 'echo', 'edit', 'revoke', 'postback', 'status', 'delivered', 'seen', 'failed']);

/**
 * The identity of an event across redeliveries. Messages by channel, account and id; statuses by
 * id and status (sent, delivered and read of one message are three events). Events without an
 * id (reads, template updates, ...) by a hash of their raw object, which Meta and Viber resend
 * byte for byte.
 */
export function dedupeKey(event: ChatEvent): string {
	if (event.messageId && ID_KEYED.has(event.event)) {
		return [event.channel, event.accountId, event.event, event.messageId, event.status ?? '', event.contact.key || event.contact.id].join('|');
	}
	const digest = createHash('sha256').update(JSON.stringify(event.raw)).digest('base64url');
	return [event.channel, event.accountId, event.event, digest].join('|');
}

/**
 * How long a claim waits for its delivery to be handed to n8n before another delivery of the same
 * events may take them over. It bounds the delay after a process died holding a claim; handing
 * over normally takes milliseconds, a slow media download or a busy queue seconds.
 */
export const HANDOVER_MS = 120_000;

const SEEN = 'seen';
const PENDING = 'pending:';

export interface DedupeResult {
	fresh: ChatEvent[];
	/** Events a delivery already handed to n8n within the window: drop them. */
	duplicates: number;
	/**
	 * Events another delivery claimed and is still handing to n8n (or died handing over): this
	 * delivery should be refused so the platform delivers it again later, never dropped.
	 */
	inFlight: number;
	/** This delivery's claims on `fresh`: confirm once n8n has the events, release if it could not take them. */
	claims: DeliveryClaims;
	/** Set when the store failed; then every event counts as fresh (better twice than never). */
	storeError?: Error;
}

/**
 * The claims one delivery holds. A claim is first "pending" (it expires after HANDOVER_MS, so a
 * process that dies holding it does not keep the events away for the whole window); confirming
 * turns it into "seen" for the window. Releasing removes it so the next delivery is processed.
 */
export class DeliveryClaims {
	/** No claims: de-duplication is off, had nothing to claim, or its store failed. */
	static readonly none = new DeliveryClaims(undefined, [], '', 0);

	constructor(
		private readonly store: KeyValueStore | undefined,
		private readonly keys: string[],
		private readonly pending: string,
		private readonly windowMs: number,
	) {}

	get size(): number {
		return this.keys.length;
	}

	async confirm(): Promise<void> {
		const store = this.store;
		if (store) await Promise.all(this.keys.map((key) => store.set(key, SEEN, this.windowMs)));
	}

	async release(): Promise<void> {
		const store = this.store;
		if (store) await Promise.all(this.keys.map((key) => store.deleteIfEquals(key, this.pending)));
	}
}

/**
 * Drops events seen within `windowMs` under `scope` (e.g. workflow + node): each key is claimed
 * with an atomic set-if-absent, so of several processes receiving one redelivery exactly one
 * keeps it. Claims are issued together (pipelined on Redis); order is preserved. A claim stays
 * pending until the caller confirms it (see DeliveryClaims).
 */
export async function deduplicate(
	events: ChatEvent[],
	store: KeyValueStore,
	windowMs: number,
	scope: string,
	handoverMs = HANDOVER_MS,
): Promise<DedupeResult> {
	if (events.length === 0 || windowMs <= 0) return { fresh: events, duplicates: 0, inFlight: 0, claims: DeliveryClaims.none };
	const pending = `${PENDING}${randomUUID()}`;
	const keys = events.map((event) => `${scope}${dedupeKey(event)}`);
	try {
		const won = await Promise.all(keys.map((key) => store.setIfAbsent(key, pending, Math.min(handoverMs, windowMs))));
		const lost = keys.filter((_, index) => !won[index]);
		const holders = await Promise.all(lost.map((key) => store.get(key)));
		// A claim that expired between the two calls counts as in flight: the next delivery takes it.
		// Anything else (SEEN, or '1' written by versions that claimed without a handover) was handed over.
		const inFlight = holders.filter((value) => value === undefined || value.startsWith(PENDING)).length;
		return {
			fresh: events.filter((_, index) => won[index]),
			duplicates: lost.length - inFlight,
			inFlight,
			claims: new DeliveryClaims(store, keys.filter((_, index) => won[index]), pending, windowMs),
		};
	} catch (error) {
		return { fresh: events, duplicates: 0, inFlight: 0, claims: DeliveryClaims.none, storeError: error as Error };
	}
}
