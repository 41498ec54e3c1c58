import { createHash } from 'node:crypto';

import { phoneDigits, whatsAppIdKind } from '../../nodes/shared/identity';
import type { ContactConfig } from '../config';

/**
 * How the simulator names a WhatsApp person the way Meta does since usernames (2026): every person
 * has a business-scoped user id (BSUID, `US.13491208655302741918`), may have a username, and may
 * share no phone number at all. A contact configured without a BSUID gets one derived from its
 * phone number or username, so it is the same on every start.
 */

/** Calling codes of a few countries, for the country prefix of a derived BSUID (others: US). */
const COUNTRY_OF_CALLING_CODE: Record<string, string> = {
	'1': 'US',
	'7': 'RU',
	'31': 'NL',
	'33': 'FR',
	'34': 'ES',
	'39': 'IT',
	'44': 'GB',
	'49': 'DE',
	'52': 'MX',
	'55': 'BR',
	'61': 'AU',
	'81': 'JP',
	'91': 'IN',
	'234': 'NG',
};

/** A BSUID as Meta forms them (country code, a dot, 20 digits), the same for the same seed. */
export function deriveBsuid(seed: string, phone = ''): string {
	const digits = BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 16)}`).toString().padStart(20, '0');
	return `${countryOf(phone)}.${digits}`;
}

function countryOf(phone: string): string {
	for (const length of [3, 2, 1]) {
		const country = COUNTRY_OF_CALLING_CODE[phone.slice(0, length)];
		if (country) return country;
	}
	return 'US';
}

/** Meta writes usernames without the "@" people type in front of them. */
export function bareUsername(username: string | undefined): string | undefined {
	const bare = username?.trim().replace(/^@/, '').toLowerCase();
	return bare || undefined;
}

/** Meta's username rules: 3–35 of a-z, 0-9, "." and "_", at least one letter, no leading, trailing or double dot. */
const USERNAME = /^(?=.*[a-z])(?!\.)(?!.*\.\.)(?!.*\.$)[a-z0-9._]{3,35}$/;

/** Why a WhatsApp contact of the config cannot be simulated, or undefined when it can. */
export function whatsAppContactProblem(contact: ContactConfig): string | undefined {
	const who = contact.name || contact.username || contact.id || '(unnamed)';
	const username = bareUsername(contact.username);
	if (!contact.id && !username && !contact.bsuid) return `WhatsApp contact ${who} needs a phone number (id), a username or a bsuid`;
	if (contact.id && !phoneDigits(contact.id)) return `WhatsApp contact ${who}: id "${contact.id}" is not a phone number (a person without one has only a username and a bsuid)`;
	if (username && !USERNAME.test(username)) return `WhatsApp contact ${who}: username "${contact.username}" breaks Meta's rules (3–35 of a-z, 0-9, "." and "_", with a letter)`;
	if (contact.bsuid && whatsAppIdKind(contact.bsuid) !== 'bsuid') return `WhatsApp contact ${who}: bsuid "${contact.bsuid}" is not a business-scoped user id like US.13491208655302741918`;
	if (contact.parentBsuid && whatsAppIdKind(contact.parentBsuid) !== 'parentBsuid') {
		return `WhatsApp contact ${who}: parentBsuid "${contact.parentBsuid}" is not a parent business-scoped user id like US.ENT.11815799212886844830`;
	}
	return undefined;
}
