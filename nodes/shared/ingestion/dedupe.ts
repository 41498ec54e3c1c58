import { createHash } from 'node:crypto';

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

export interface DedupeResult {
	fresh: ChatEvent[];
	duplicates: number;
	/** Set when the store failed; then every event counts as fresh (better twice than never). */
	storeError?: Error;
}

/**
 * Drops events seen within `windowMs` under `scope` (e.g. workflow + node): each key is claimed
 * with an atomic set-if-absent, so of several processes receiving one redelivery exactly one
 * keeps it. Claims are issued together (pipelined on Redis); order is preserved.
 */
export async function deduplicate(
	events: ChatEvent[],
	store: KeyValueStore,
	windowMs: number,
	scope: string,
): Promise<DedupeResult> {
	if (events.length === 0 || windowMs <= 0) return { fresh: events, duplicates: 0 };
	try {
		const claims = await Promise.all(events.map((event) => store.setIfAbsent(`${scope}${dedupeKey(event)}`, '1', windowMs)));
		const fresh = events.filter((_, index) => claims[index]);
		return { fresh, duplicates: events.length - fresh.length };
	} catch (error) {
		return { fresh: events, duplicates: 0, storeError: error as Error };
	}
}
