/**
 * The `contact` of every normalised item.
 *
 * `id` is where a reply goes: pass it to any send node of the same channel. `key` names the person
 * stably and is what the package's own stores (de-duplication, sessions, waiting conversations,
 * keyword routing) are keyed by; use it to key your own records too. On Messenger, Instagram and
 * Viber both are the platform's user id. On WhatsApp:
 *
 * | Meta gives | `id` (reply to) | `key` (stable) |
 * |---|---|---|
 * | phone and BSUID | phone | BSUID |
 * | BSUID only (a person with a username) | BSUID | BSUID |
 * | phone only (payloads from before BSUIDs) | phone | phone |
 *
 * `id` prefers the phone number because every account can send to it, while sending to a BSUID
 * is newer; `key` prefers the BSUID because it stays when the phone number is hidden. A person
 * who first writes with a phone number and later without one keeps the same `key`.
 */
export interface Contact {
	id: string;
	name: string;
	key: string;
	/** WhatsApp: the phone number (`wa_id`), '' when Meta did not share it. */
	phone?: string;
	/** WhatsApp: the business-scoped user id (`user_id`), '' on payloads from before BSUIDs. */
	bsuid?: string;
	/** WhatsApp: the parent business-scoped user id, '' unless the business enabled them. */
	parentBsuid?: string;
	/** WhatsApp: the person's username, '' when they have none. */
	username?: string;
}

/** The ids WhatsApp names one person by; '' for what a payload leaves out. */
export interface PersonIds {
	phone: string;
	bsuid: string;
	parentBsuid: string;
}

/** What a WhatsApp payload says about one person; '' for what it leaves out. */
export interface WhatsAppIdentity extends PersonIds {
	username: string;
	name: string;
}

/** A contact on a channel with one id per person (Messenger, Instagram, Viber). */
export function personContact(id: string, name: string): Contact {
	return { id, name, key: id };
}

export function whatsAppContact(identity: WhatsAppIdentity): Contact {
	const { phone, bsuid, parentBsuid, username, name } = identity;
	return {
		id: phone || bsuid || parentBsuid,
		name,
		key: bsuid || phone || parentBsuid,
		phone,
		bsuid,
		parentBsuid,
		username,
	};
}
