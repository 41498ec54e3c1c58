/**
 * The three ways WhatsApp names a person, and how to tell them apart.
 *
 * - Phone number (`wa_id`): digits with country code. Since WhatsApp usernames (2026) Meta may
 *   leave it out of webhooks for a person who has a username.
 * - Business-scoped user id (BSUID, `user_id`): one person within one business portfolio, on every
 *   messages webhook since April 2026: a two-letter country code, a dot, then up to 128 letters and
 *   digits (`US.13491208655302741918`). A new phone number gives the person a new BSUID; a new
 *   username does not.
 * - Parent BSUID (`parent_user_id`): the same, shared by linked portfolios, with `ENT` after the
 *   country code (`US.ENT.11815799212886844830`); only where the business has it enabled.
 *
 * The forms do not overlap (a phone number has no letters, a BSUID always has), so one text field
 * can take any of them and a key built from one can never equal a key built from another.
 */

export type WhatsAppIdKind = 'phone' | 'bsuid' | 'parentBsuid';

const BSUID = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;
const PARENT_BSUID = /^[A-Z]{2}\.ENT\.[A-Za-z0-9]{1,128}$/;
/** Separators people write phone numbers with: "+1 (555) 010-2030". */
const PHONE_NOTATION = /[\s().-]/g;

/** What kind of id `value` is, or undefined when it is none of the three. */
export function whatsAppIdKind(value: string): WhatsAppIdKind | undefined {
	const trimmed = value.trim();
	if (PARENT_BSUID.test(trimmed)) return 'parentBsuid';
	if (BSUID.test(trimmed)) return 'bsuid';
	const digits = phoneDigits(trimmed);
	return digits !== undefined && digits.length >= 6 && digits.length <= 20 ? 'phone' : undefined;
}

/** A phone number in any common notation as WhatsApp's digits, or undefined when it is not one. */
export function phoneDigits(value: string): string | undefined {
	const digits = value.trim().replace(PHONE_NOTATION, '').replace(/^\+/, '');
	return /^\d+$/.test(digits) ? digits : undefined;
}

/**
 * `value` as WhatsApp names the person, with its kind: a phone number as its digits however it
 * was written, a BSUID or parent BSUID as it is; undefined when it is none of the three. What a
 * send addresses and what conversation records are keyed by.
 */
export function canonicalWhatsAppId(value: string): { kind: WhatsAppIdKind; id: string } | undefined {
	const kind = whatsAppIdKind(value);
	if (kind === undefined) return undefined;
	return { kind, id: kind === 'phone' ? phoneDigits(value)! : value.trim() };
}

/** Whether `value` is a phone number (as opposed to a BSUID or parent BSUID). */
export function isPhoneNumber(value: string): boolean {
	return whatsAppIdKind(value) === 'phone';
}

/** What each kind is called in messages to users. */
export const ID_KIND_NAMES: Record<WhatsAppIdKind, string> = {
	phone: 'phone number',
	bsuid: 'business-scoped user ID',
	parentBsuid: 'parent business-scoped user ID',
};

/** How the accepted forms are described in field errors and parameter help. */
export const RECIPIENT_FORMS =
	'a phone number with country code (+15551234567), a business-scoped user ID (US.13491208655302741918) or a parent business-scoped user ID (US.ENT.11815799212886844830)';

/** Why `value` is no WhatsApp id, naming the forms that are accepted (for field errors). */
export function notAWhatsAppId(value: string): string {
	const problem =
		phoneDigits(value) !== undefined ? `"${value}" is not a phone number with country code (6 to 20 digits)` : `"${value}" is neither a phone number nor a business-scoped user ID`;
	return `${problem}; use ${RECIPIENT_FORMS}`;
}
