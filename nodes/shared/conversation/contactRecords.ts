/**
 * Where a person's records (waits, sessions) live in the conversation store, when one person can
 * be named in more than one way.
 *
 * A WhatsApp person is keyed by their business-scoped user id (BSUID) wherever Meta gives one,
 * and by their phone number only where it does not. Records can still sit under the phone number:
 * written before BSUIDs existed, or by a Conversation node whose contact was given as a phone
 * number. So every lookup goes to the primary key first and then to those older places, and the
 * first write that knows both ids moves the record to the primary key and leaves a link
 * (`link:<phone key>` → BSUID key) for nodes that only know the phone number.
 */
import { isPhoneNumber } from '../identity';
import type { KeyValueStore } from '../store';
import { contactKey, type ContactRef } from './contact';

export interface ContactLocation {
	/** The key part records of this person are written under. */
	primary: string;
	/** Key parts older records of the same person may still sit under, in the order to try. */
	fallbacks: string[];
}

/** Links live as long as a person's records are likely to matter; every write renews them. */
const LINK_TTL_MS = 90 * 24 * 3600_000;

function linkKey(keyPart: string): string {
	return `link:${keyPart}`;
}

/** Whether a key part of `ref` may have been linked to a BSUID key (a WhatsApp phone number). */
function linkable(ref: ContactRef, id: string): boolean {
	return ref.channel === 'whatsapp' && isPhoneNumber(id);
}

export async function locateContact(store: KeyValueStore, ref: ContactRef): Promise<ContactLocation> {
	const own = contactKey(ref);
	// A phone number may already belong to a person whose records moved to their BSUID.
	const linked = linkable(ref, ref.contactId) ? await store.get(linkKey(own)) : undefined;
	const primary = linked ?? own;
	const aliases = (ref.aliases ?? []).map((alias) => contactKey({ ...ref, contactId: alias }));
	const fallbacks = [...new Set([own, ...aliases])].filter((key) => key !== primary);
	return { primary, fallbacks };
}

/** Records that a person's phone number leads to their primary key (after a write there). */
export async function linkAliases(store: KeyValueStore, ref: ContactRef, location: ContactLocation): Promise<void> {
	const phones = [ref.contactId, ...(ref.aliases ?? [])].filter((id) => linkable(ref, id));
	const keys = phones.map((phone) => contactKey({ ...ref, contactId: phone })).filter((key) => key !== location.primary);
	await Promise.all(keys.map((key) => store.set(linkKey(key), location.primary, LINK_TTL_MS)));
}

/**
 * Reads the first record found under `prefix` for the person: the primary key, then the older
 * places. `at` says where it was found (for moving it).
 */
export async function readFirst(
	store: KeyValueStore,
	prefix: string,
	location: ContactLocation,
): Promise<{ value: string; at: string } | undefined> {
	for (const key of [location.primary, ...location.fallbacks]) {
		const value = await store.get(`${prefix}${key}`);
		if (value !== undefined) return { value, at: key };
	}
	return undefined;
}

/**
 * A person's identity changed (a new phone number, a new BSUID): their record under `prefix` moves
 * from the old key to the new one, keeping the lifetime `ttlOf` derives from it, unless the new
 * key already has a record. True when it moved.
 */
export async function moveRecord(
	store: KeyValueStore,
	prefix: string,
	from: ContactRef,
	to: ContactRef,
	ttlOf: (value: string) => number | undefined,
): Promise<boolean> {
	const fromKey = `${prefix}${contactKey(from)}`;
	const toKey = `${prefix}${contactKey(to)}`;
	if (fromKey === toKey) return false;
	const value = await store.take(fromKey);
	if (value === undefined) return false;
	const ttl = ttlOf(value);
	if (ttl !== undefined && ttl <= 0) return false;
	return await store.setIfAbsent(toKey, value, ttl);
}
