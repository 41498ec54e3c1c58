/**
 * A WhatsApp contact got a new phone number or a new business-scoped user id (an `identityChange`
 * event). Their waiting conversation and their session move to the new identity, so their next
 * message still answers the question they were asked and finds their variables.
 */
import type { PersonIds } from '../identity';
import type { ChatEvent } from '../ingestion';
import type { AtomicStore } from '../store/atomic';
import type { ContactRef } from './contact';
import { moveSession } from './sessions';
import { moveWait } from './waitRegistry';

/** What moved: 'wait' and/or 'session' (nothing when the person had neither). */
export async function followIdentityChange(store: AtomicStore, event: ChatEvent): Promise<string[]> {
	const change = event.identityChange;
	if (event.event !== 'identityChange' || !change) return [];
	const ref = (contactId: string): ContactRef => ({ channel: event.channel, accountId: event.accountId, contactId });
	const to = ref(keyOf(change.current));
	if (!to.contactId) return [];
	// Records are under the old key (BSUID), or still under the old phone number (before BSUIDs).
	const fromKeys = [...new Set([keyOf(change.previous), change.previous.phone])].filter((key) => key && key !== to.contactId);
	const moved = new Set<string>();
	for (const key of fromKeys) {
		if (await moveWait(store, ref(key), to)) moved.add('wait');
		if (await moveSession(store, ref(key), to)) moved.add('session');
	}
	return [...moved];
}

/** The key a person's records are written under (see `Contact.key`). */
function keyOf(ids: PersonIds): string {
	return ids.bsuid || ids.phone || ids.parentBsuid;
}
