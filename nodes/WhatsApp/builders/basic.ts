import { envelope, type EnvelopeOptions, type OutgoingMessage } from './envelope';
import { LIMITS } from './limits';
import {
	MessageValidationError,
	optionalText,
	requireHttpsUrl,
	requireNumber,
	requireText,
} from './validation';

/** Text, media, location, contacts and reaction messages (channels.md §2). */

export function textMessage(to: unknown, body: unknown, previewUrl: boolean, options?: EnvelopeOptions): OutgoingMessage {
	return envelope(to, 'text', { preview_url: previewUrl, body: requireText(body, 'text.body', LIMITS.textBody) }, options);
}

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export interface MediaSource {
	/** A media id from an upload, or a public https link. */
	id?: string;
	link?: string;
	caption?: string;
	filename?: string;
}

export function mediaObject(type: MediaType, source: MediaSource, field: string = type): Record<string, string> {
	const media: Record<string, string> = {};
	if (source.id) media.id = source.id.trim();
	else if (source.link) media.link = requireHttpsUrl(source.link, `${field}.link`);
	else throw new MessageValidationError(`${field}.id`, 'a media ID or a link is required');
	const caption = optionalText(source.caption, `${field}.caption`, LIMITS.caption);
	if (caption !== undefined) {
		if (type === 'audio' || type === 'sticker') throw new MessageValidationError(`${field}.caption`, `not supported for ${type}`);
		media.caption = caption;
	}
	const filename = optionalText(source.filename, `${field}.filename`);
	if (filename !== undefined) {
		if (type !== 'document') throw new MessageValidationError(`${field}.filename`, 'only documents have a file name');
		media.filename = filename;
	}
	return media;
}

export function mediaMessage(to: unknown, type: MediaType, source: MediaSource, options?: EnvelopeOptions): OutgoingMessage {
	if (!MEDIA_TYPES.includes(type)) throw new MessageValidationError('type', `unknown media type "${type}"`);
	return envelope(to, type, mediaObject(type, source), options);
}

export interface LocationInput {
	latitude: unknown;
	longitude: unknown;
	name?: string;
	address?: string;
}

export function locationObject(input: LocationInput, field = 'location'): Record<string, unknown> {
	const location: Record<string, unknown> = {
		latitude: requireNumber(input.latitude, `${field}.latitude`, -90, 90),
		longitude: requireNumber(input.longitude, `${field}.longitude`, -180, 180),
	};
	const name = optionalText(input.name, `${field}.name`);
	const address = optionalText(input.address, `${field}.address`);
	if (name !== undefined) location.name = name;
	if (address !== undefined) location.address = address;
	return location;
}

export function locationMessage(to: unknown, input: LocationInput, options?: EnvelopeOptions): OutgoingMessage {
	return envelope(to, 'location', locationObject(input), options);
}

export interface ContactInput {
	formattedName: string;
	firstName?: string;
	lastName?: string;
	phones?: Array<{ phone: string; type?: string; waId?: string }>;
	emails?: Array<{ email: string; type?: string }>;
	organization?: { company?: string; department?: string; title?: string };
	urls?: Array<{ url: string; type?: string }>;
	birthday?: string;
	addresses?: Array<Record<string, string>>;
}

export function contactsMessage(to: unknown, contacts: ContactInput[], options?: EnvelopeOptions): OutgoingMessage {
	if (contacts.length === 0) throw new MessageValidationError('contacts', 'at least one contact is required');
	const payload = contacts.map((contact, index) => {
		const field = `contacts[${index}]`;
		const entry: Record<string, unknown> = {
			name: compact({
				formatted_name: requireText(contact.formattedName, `${field}.name.formatted_name`),
				first_name: contact.firstName,
				last_name: contact.lastName,
			}),
		};
		if (contact.phones?.length) {
			entry.phones = contact.phones.map((p, i) =>
				compact({ phone: requireText(p.phone, `${field}.phones[${i}].phone`), type: p.type, wa_id: p.waId }),
			);
		}
		if (contact.emails?.length) {
			entry.emails = contact.emails.map((e, i) => compact({ email: requireText(e.email, `${field}.emails[${i}].email`), type: e.type }));
		}
		if (contact.organization && Object.values(contact.organization).some(Boolean)) entry.org = compact(contact.organization);
		if (contact.urls?.length) entry.urls = contact.urls.map((u, i) => compact({ url: requireText(u.url, `${field}.urls[${i}].url`), type: u.type }));
		if (contact.addresses?.length) entry.addresses = contact.addresses.map((a) => compact(a));
		if (contact.birthday) {
			if (!/^\d{4}-\d{2}-\d{2}$/.test(contact.birthday)) throw new MessageValidationError(`${field}.birthday`, 'must be YYYY-MM-DD');
			entry.birthday = contact.birthday;
		}
		return entry;
	});
	return envelope(to, 'contacts', payload, options);
}

/** An empty emoji removes the reaction. */
export function reactionMessage(to: unknown, messageId: unknown, emoji: unknown): OutgoingMessage {
	const value = emoji === undefined || emoji === null ? '' : String(emoji);
	// One user-perceived character: flags, skin tones and ZWJ families are several code points.
	const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(value)].length;
	if (graphemes > 1) throw new MessageValidationError('reaction.emoji', 'one emoji (or empty to remove the reaction)');
	return envelope(to, 'reaction', { message_id: requireText(messageId, 'reaction.message_id').trim(), emoji: value });
}

/** Mark an incoming message as read, optionally showing "typing…" (up to 25 s or until we reply). */
export function markAsReadRequest(messageId: unknown, showTyping: boolean): Record<string, unknown> {
	const request: Record<string, unknown> = {
		messaging_product: 'whatsapp',
		status: 'read',
		message_id: requireText(messageId, 'message_id').trim(),
	};
	if (showTyping) request.typing_indicator = { type: 'text' };
	return request;
}

export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		if (entry !== undefined && entry !== null && entry !== '') out[key] = entry;
	}
	return out as Partial<T>;
}
