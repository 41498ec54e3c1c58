import type { Channel } from '../ingestion';

/** Who a conversation is with: the same person on another channel or account is another contact. */
export interface ContactRef {
	channel: Channel;
	/** WhatsApp phone number id, page id, Instagram account id; '' on Viber (one bot per credential). */
	accountId: string;
	/**
	 * The person's stable key (an item's `contact.key`): WhatsApp BSUID (or phone number where Meta
	 * gave no BSUID), PSID, IGSID, Viber user id. Store records are keyed by it.
	 */
	contactId: string;
	/** Where replies go (`contact.id`), when it is not `contactId` (WhatsApp: the phone number). */
	replyId?: string;
	/**
	 * Other ids records of this person may be kept under: the phone number of a WhatsApp person
	 * keyed by BSUID (records written before BSUIDs, or by a node given the phone number).
	 */
	aliases?: string[];
}

export const CHANNELS: readonly Channel[] = ['whatsapp', 'messenger', 'instagram', 'viber'];

/** The fields of a normalised inbound item (`ChatEvent`) that name its contact. */
export interface ContactFields {
	channel?: unknown;
	accountId?: unknown;
	contact?: { id?: unknown; key?: unknown; phone?: unknown; aliases?: unknown } | unknown;
}

/**
 * The contact of a normalised item, or undefined when the item is not a chatflow inbound item.
 * Items saved before `contact.key` existed carry only `contact.id`, which then is the key.
 */
export function contactOf(item: ContactFields): ContactRef | undefined {
	const channel = item.channel;
	if (typeof channel !== 'string' || !CHANNELS.includes(channel as Channel)) return undefined;
	const contact = (item.contact && typeof item.contact === 'object' ? item.contact : {}) as Record<string, unknown>;
	const id = text(contact.id);
	const key = text(contact.key) || id;
	if (!key) return undefined;
	const extra = Array.isArray(contact.aliases) ? contact.aliases.map(text) : [];
	const aliases = [...new Set([id, text(contact.phone), ...extra])].filter((alias) => alias && alias !== key);
	return {
		channel: channel as Channel,
		accountId: text(item.accountId),
		contactId: key,
		...(id && id !== key ? { replyId: id } : {}),
		...(aliases.length ? { aliases } : {}),
	};
}

/** The `contact` object an item about `ref` carries (the fields `contactOf` reads back). */
export function contactFields(ref: ContactRef): { id: string; key: string; aliases?: string[] } {
	return { id: ref.replyId ?? ref.contactId, key: ref.contactId, ...(ref.aliases?.length ? { aliases: ref.aliases } : {}) };
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/**
 * The store key part for a contact. Each part is URI-encoded so an id containing ':' cannot
 * collide with another contact's key.
 */
export function contactKey(ref: ContactRef): string {
	return [ref.channel, ref.accountId, ref.contactId].map(encodeURIComponent).join(':');
}
