import type { IDataObject } from 'n8n-workflow';

import { ID_KIND_NAMES, malformedFields, whatsAppContact, type PersonIds, type WhatsAppIdKind } from '../identity';
import type { ChatEvent } from './types';
import { list, obj, str } from './values';

/** The code of the error an event about a person carries when the payload names nobody. */
export const NO_CONTACT_ID = 'chatflow_no_contact_id';

/** The code of the error an event carries for each id that is not in the form of its field. */
export const MALFORMED_CONTACT_ID = 'chatflow_malformed_contact_id';

const EXAMPLES: Record<WhatsAppIdKind, string> = {
	phone: 'digits with country code, 16505551234',
	bsuid: 'US.13491208655302741918',
	parentBsuid: 'US.ENT.11815799212886844830',
};

/**
 * The people of one WhatsApp `value`: its `contacts[]` entries, matched to a message, status or
 * echo by any id they share (phone `wa_id`, BSUID `user_id`, parent BSUID `parent_user_id`).
 * The event's own fields win over the entry's: Meta may leave the phone number out of one and not
 * the other, and an entry may be missing altogether (failed statuses carry none).
 */
export class WhatsAppPeople {
	private readonly entries: IDataObject[];

	constructor(value: IDataObject) {
		this.entries = list(value.contacts).map(obj);
	}

	/**
	 * Sets the event's contact. An event about a person that names nobody is kept (nothing is
	 * dropped), with an error saying why no reply can be addressed to it; so is an id that is not
	 * what its field says (left out of the contact).
	 */
	stamp(event: ChatEvent, own: PersonIds): ChatEvent {
		const entry = this.entryFor(own);
		const profile = obj(entry?.profile);
		const ids = wellFormedIds(event, {
			phone: own.phone || str(entry?.wa_id),
			bsuid: own.bsuid || str(entry?.user_id),
			parentBsuid: own.parentBsuid || str(entry?.parent_user_id),
		});
		event.contact = whatsAppContact({ ...ids, username: str(profile.username), name: str(profile.name) });
		if (!event.contact.id) {
			addError(event, {
				code: NO_CONTACT_ID,
				message: 'Meta sent this event without a phone number and without a business-scoped user id: it cannot be answered or linked to a conversation',
			});
		}
		return event;
	}

	private entryFor(own: PersonIds): IDataObject | undefined {
		const ids = [own.phone, own.bsuid, own.parentBsuid].filter(Boolean);
		const matched = this.entries.find((entry) => [entry.wa_id, entry.user_id, entry.parent_user_id].some((id) => str(id) && ids.includes(str(id))));
		if (matched) return matched;
		// One entry and an event that names nobody else: the entry is that event's person (an
		// event without ids of its own still gets a contact).
		if (this.entries.length !== 1) return undefined;
		const only = this.entries[0];
		const agrees = (mine: string, theirs: unknown) => !mine || !str(theirs) || mine === str(theirs);
		return agrees(own.phone, only.wa_id) && agrees(own.bsuid, only.user_id) && agrees(own.parentBsuid, only.parent_user_id) ? only : undefined;
	}
}

/** The sender of an inbound message (`from`, `from_user_id`, `from_parent_user_id`). */
export function senderIds(message: IDataObject): PersonIds {
	return { phone: str(message.from), bsuid: str(message.from_user_id), parentBsuid: str(message.from_parent_user_id) };
}

/** The recipient of a status (`recipient_id`, `recipient_user_id`, `recipient_parent_user_id`). */
export function statusRecipientIds(status: IDataObject): PersonIds {
	return { phone: str(status.recipient_id), bsuid: str(status.recipient_user_id), parentBsuid: str(status.recipient_parent_user_id) };
}

/** The recipient of a business-app echo (`to`, `to_user_id`, `to_parent_user_id`). */
export function echoRecipientIds(echo: IDataObject): PersonIds {
	return { phone: str(echo.to), bsuid: str(echo.to_user_id), parentBsuid: str(echo.to_parent_user_id) };
}

/**
 * `ids` without the values that are not the kind of id their field names, each reported on the
 * event once (an identity change checks its ids again after the contact was stamped).
 */
export function wellFormedIds(event: ChatEvent, ids: PersonIds): PersonIds {
	const kept = { ...ids };
	for (const field of malformedFields(ids)) {
		kept[field] = '';
		addError(event, {
			code: MALFORMED_CONTACT_ID,
			message: `Meta sent ${quoted(ids[field])} as a ${ID_KIND_NAMES[field]}, which is not one (${EXAMPLES[field]}): it is left out of the contact, so no reply or record is keyed by it`,
		});
	}
	return kept;
}

function addError(event: ChatEvent, error: { code: string; message: string }): void {
	const errors = event.errors ?? [];
	if (!errors.some((known) => known.code === error.code && known.message === error.message)) event.errors = [...errors, error];
}

/** A value as text for a message: quoted, and cut short (a payload may hold anything). */
function quoted(value: string): string {
	return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}
