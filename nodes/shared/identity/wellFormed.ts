import type { PersonIds } from './contact';
import { whatsAppIdKind } from './whatsAppIds';

/**
 * The fields of `ids` that hold something other than the kind of id they are named after ('' is
 * absent, not malformed). A value in the wrong form must not become a contact's `id` or `key`: a
 * digits-only "user id" would be keyed like a phone number and meet another person's records.
 */
export function malformedFields(ids: PersonIds): Array<keyof PersonIds> {
	const fields: Array<keyof PersonIds> = ['phone', 'bsuid', 'parentBsuid'];
	// The field names are the kinds (PersonIds and WhatsAppIdKind share their words).
	return fields.filter((field) => ids[field] !== '' && whatsAppIdKind(ids[field]) !== field);
}
