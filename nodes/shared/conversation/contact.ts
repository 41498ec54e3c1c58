import type { Channel } from '../ingestion';

/** Who a conversation is with: the same person on another channel or account is another contact. */
export interface ContactRef {
	channel: Channel;
	/** WhatsApp phone number id, page id, Instagram account id; '' on Viber (one bot per credential). */
	accountId: string;
	/** WhatsApp wa_id, PSID, IGSID, Viber user id. */
	contactId: string;
}

export const CHANNELS: readonly Channel[] = ['whatsapp', 'messenger', 'instagram', 'viber'];

/** The fields of a normalised inbound item (`ChatEvent`) that name its contact. */
export interface ContactFields {
	channel?: unknown;
	accountId?: unknown;
	contact?: { id?: unknown } | unknown;
}

/** The contact of a normalised item, or undefined when the item is not a chatflow inbound item. */
export function contactOf(item: ContactFields): ContactRef | undefined {
	const channel = item.channel;
	const contact = item.contact as { id?: unknown } | undefined;
	if (typeof channel !== 'string' || !CHANNELS.includes(channel as Channel)) return undefined;
	const contactId = contact && typeof contact === 'object' ? String(contact.id ?? '') : '';
	if (!contactId) return undefined;
	return { channel: channel as Channel, accountId: String(item.accountId ?? ''), contactId };
}

/**
 * The store key part for a contact. Each part is URI-encoded so an id containing ':' cannot
 * collide with another contact's key.
 */
export function contactKey(ref: ContactRef): string {
	return [ref.channel, ref.accountId, ref.contactId].map(encodeURIComponent).join(':');
}
