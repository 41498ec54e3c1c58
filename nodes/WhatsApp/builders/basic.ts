import { envelope, type EnvelopeOptions, type OutgoingMessage } from './envelope';
import { LIMITS } from './limits';
import { MessageFieldError, numberBetween, optionalText, requireText, text, url } from '../../shared/fields';

/** Text, media, location, contacts and reaction messages (Meta's messages reference). */

export function textMessage(to: unknown, body: unknown, previewUrl: boolean, options?: EnvelopeOptions): OutgoingMessage {
	return envelope(to, 'text', { preview_url: previewUrl, body: text('text.body', body, LIMITS.textBody) }, options);
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
	else if (source.link) media.link = url(`${field}.link`, source.link, LIMITS.link);
	else throw new MessageFieldError(`${field}.id`, 'a media ID or a link is required');
	const caption = optionalText(`${field}.caption`, source.caption, LIMITS.caption);
	if (caption !== undefined) {
		if (type === 'audio' || type === 'sticker') throw new MessageFieldError(`${field}.caption`, `not supported for ${type}`);
		media.caption = caption;
	}
	const filename = optionalText(`${field}.filename`, source.filename);
	if (filename !== undefined) {
		if (type !== 'document') throw new MessageFieldError(`${field}.filename`, 'only documents have a file name');
		media.filename = filename;
	}
	return media;
}

export function mediaMessage(to: unknown, type: MediaType, source: MediaSource, options?: EnvelopeOptions): OutgoingMessage {
	if (!MEDIA_TYPES.includes(type)) throw new MessageFieldError('type', `unknown media type "${type}"`);
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
		latitude: numberBetween(`${field}.latitude`, input.latitude, -90, 90),
		longitude: numberBetween(`${field}.longitude`, input.longitude, -180, 180),
	};
	const name = optionalText(`${field}.name`, input.name);
	const address = optionalText(`${field}.address`, input.address);
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
	if (contacts.length === 0) throw new MessageFieldError('contacts', 'at least one contact is required');
	const payload = contacts.map((contact, index) => {
		const field = `contacts[${index}]`;
		const entry: Record<string, unknown> = {
			name: compact({
				formatted_name: requireText(`${field}.name.formatted_name`, contact.formattedName),
				first_name: contact.firstName,
				last_name: contact.lastName,
			}),
		};
		if (contact.phones?.length) {
			entry.phones = contact.phones.map((p, i) =>
				compact({ phone: requireText(`${field}.phones[${i}].phone`, p.phone), type: p.type, wa_id: p.waId }),
			);
		}
		if (contact.emails?.length) {
			entry.emails = contact.emails.map((e, i) => compact({ email: requireText(`${field}.emails[${i}].email`, e.email), type: e.type }));
		}
		if (contact.organization && Object.values(contact.organization).some(Boolean)) entry.org = compact(contact.organization);
		if (contact.urls?.length) entry.urls = contact.urls.map((u, i) => compact({ url: requireText(`${field}.urls[${i}].url`, u.url), type: u.type }));
		if (contact.addresses?.length) entry.addresses = contact.addresses.map((a) => compact(a));
		if (contact.birthday) {
			if (!/^\d{4}-\d{2}-\d{2}$/.test(contact.birthday)) throw new MessageFieldError(`${field}.birthday`, 'must be YYYY-MM-DD');
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
	if (graphemes > 1) throw new MessageFieldError('reaction.emoji', 'one emoji (or empty to remove the reaction)');
	return envelope(to, 'reaction', { message_id: requireText('reaction.message_id', messageId).trim(), emoji: value });
}

/** Mark an incoming message as read, optionally showing "typing…" (up to 25 s or until we reply). */
export function markAsReadRequest(messageId: unknown, showTyping: boolean): Record<string, unknown> {
	const request: Record<string, unknown> = {
		messaging_product: 'whatsapp',
		status: 'read',
		message_id: requireText('message_id', messageId).trim(),
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
