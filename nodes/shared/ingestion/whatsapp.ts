import type { IDataObject } from 'n8n-workflow';

import { baseEvent } from './event';
import type { ChatEvent, DeliveryStatus, Media, MessageType } from './types';
import { bool, compact, isoTime, list, num, obj, str } from './values';
import { senderIds, statusRecipientIds, WhatsAppPeople } from './whatsAppPeople';

type PersonIds = ReturnType<typeof senderIds>;

/** The code of the error an event about an unnamed person carries. */
export const NO_CONTACT_ID = 'chatflow_no_contact_id';

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);
const STATUSES = new Set<DeliveryStatus>(['sent', 'delivered', 'read', 'played', 'failed', 'deleted']);

/**
 * `object: whatsapp_business_account` → one event per message, status and error of every change
 * of every entry, in delivery order. Changes of other fields (template status, Flows, account
 * updates) become one event each.
 */
export function flattenWhatsApp(body: IDataObject): ChatEvent[] {
	const events: ChatEvent[] = [];
	for (const entryValue of list(body.entry)) {
		const entry = obj(entryValue);
		const wabaId = str(entry.id);
		for (const changeValue of list(entry.changes)) {
			const change = obj(changeValue);
			const field = str(change.field);
			const value = obj(change.value);
			const before = events.length;
			if (field === 'messages') flattenMessagesChange(value, wabaId, events);
			else events.push(fieldEvent(field, value, change, wabaId, entry.time));
			if (events.length === before) events.push(unknownEvent(change, wabaId));
		}
	}
	return events;
}

function flattenMessagesChange(value: IDataObject, wabaId: string, events: ChatEvent[]): void {
	const accountId = str(obj(value.metadata).phone_number_id);
	const people = new WhatsAppPeople(value);
	const stamp = (event: ChatEvent, ids: PersonIds | undefined): ChatEvent => {
		event.accountId = accountId;
		event.businessAccountId = wabaId;
		if (ids) {
			event.contact = people.contact(ids);
			if (!event.contact.id) markUnanswerable(event);
		}
		return event;
	};
	for (const message of list(value.messages)) {
		const m = obj(message);
		events.push(stamp(normaliseMessage(m), senderIds(m)));
	}
	for (const status of list(value.statuses)) {
		const s = obj(status);
		events.push(stamp(normaliseStatus(s), statusRecipientIds(s)));
	}
	const errors = list(value.errors).map(obj);
	if (errors.length) {
		const event = baseEvent('whatsapp', 'error', value);
		event.errors = errors;
		event.text = errors.map((e) => str(e.message) || str(e.title)).join('; ');
		event.platformType = 'errors';
		events.push(stamp(event, undefined));
	}
}

/**
 * An event about a person that names nobody: kept (nothing is dropped), with an error saying why
 * no reply can be addressed to it.
 */
function markUnanswerable(event: ChatEvent): void {
	event.errors = [
		...(event.errors ?? []),
		{
			code: NO_CONTACT_ID,
			message: 'Meta sent this event without a phone number and without a business-scoped user id: it cannot be answered or linked to a conversation',
		},
	];
}

function normaliseMessage(m: IDataObject): ChatEvent {
	const event = baseEvent('whatsapp', 'message', m);
	const platformType = str(m.type);
	event.messageId = str(m.id);
	event.timestamp = isoTime(m.timestamp);
	event.platformType = platformType;
	const context = obj(m.context);
	if (context.id !== undefined) {
		event.context = compact({ messageId: str(context.id), from: str(context.from) || str(context.from_user_id), forwarded: bool(context.forwarded) });
	} else if (context.forwarded !== undefined || context.frequently_forwarded !== undefined) {
		event.context = { messageId: '', from: '', forwarded: true };
	}
	event.type = messageType(m, event);
	return event;
}

/** Sets the type-specific fields on `event` and returns the normalised type. */
function messageType(m: IDataObject, event: ChatEvent): MessageType {
	const type = str(m.type);
	if (type === 'text') {
		event.text = str(obj(m.text).body);
		return 'text';
	}
	if (MEDIA_TYPES.has(type)) {
		const payload = obj(m[type]);
		event.media = mediaOf(payload);
		event.text = str(payload.caption);
		return type as MessageType;
	}
	switch (type) {
		case 'location': {
			const l = obj(m.location);
			event.location = compact({
				latitude: num(l.latitude) ?? 0,
				longitude: num(l.longitude) ?? 0,
				name: l.name === undefined ? undefined : str(l.name),
				address: l.address === undefined ? undefined : str(l.address),
				url: l.url === undefined ? undefined : str(l.url),
			});
			event.text = str(l.name);
			return 'location';
		}
		case 'contacts':
			event.contacts = list(m.contacts) as IDataObject[];
			return 'contacts';
		case 'interactive':
			return interactiveType(obj(m.interactive), event);
		case 'button': {
			// A template's quick-reply button: payload is the id the template was sent with.
			const b = obj(m.button);
			event.reply = { id: str(b.payload), title: str(b.text) };
			event.text = str(b.text);
			return 'reply';
		}
		case 'reaction': {
			const r = obj(m.reaction);
			event.reaction = compact({ messageId: str(r.message_id), emoji: str(r.emoji), action: r.emoji ? 'react' : 'unreact' });
			event.text = str(r.emoji);
			return 'reaction';
		}
		case 'order':
			event.order = obj(m.order);
			event.text = str(obj(m.order).text);
			return 'order';
		case 'system':
			event.text = str(obj(m.system).body);
			return 'system';
		case 'unsupported':
			event.errors = list(m.errors).map(obj);
			return 'unsupported';
		case 'request_welcome':
			return 'requestWelcome';
		default:
			return 'unknown';
	}
}

function interactiveType(interactive: IDataObject, event: ChatEvent): MessageType {
	const kind = str(interactive.type);
	event.platformType = `interactive.${kind}`;
	if (kind === 'button_reply' || kind === 'list_reply') {
		const r = obj(interactive[kind]);
		event.reply = compact({
			id: str(r.id),
			title: str(r.title),
			description: r.description === undefined ? undefined : str(r.description),
		});
		event.text = str(r.title);
		return 'reply';
	}
	if (kind === 'nfm_reply') {
		const r = obj(interactive.nfm_reply);
		const responseJson = parseObject(r.response_json);
		event.flowResponse = {
			responseJson,
			flowToken: str(responseJson?.flow_token),
			name: str(r.name),
			body: str(r.body),
		};
		event.text = str(r.body);
		return 'flowResponse';
	}
	return 'unknown';
}

function mediaOf(payload: IDataObject): Media {
	return compact({
		id: str(payload.id),
		url: str(payload.url),
		mimeType: str(payload.mime_type),
		sha256: payload.sha256 === undefined ? undefined : str(payload.sha256),
		caption: payload.caption === undefined ? undefined : str(payload.caption),
		filename: payload.filename === undefined ? undefined : str(payload.filename),
		voice: bool(payload.voice),
		animated: bool(payload.animated),
	});
}

function normaliseStatus(s: IDataObject): ChatEvent {
	const event = baseEvent('whatsapp', 'status', s);
	const status = str(s.status) as DeliveryStatus;
	event.messageId = str(s.id);
	event.timestamp = isoTime(s.timestamp);
	event.platformType = str(s.status);
	event.status = STATUSES.has(status) ? status : 'unknown';
	const errors = list(s.errors).map(obj);
	if (errors.length) event.errors = errors;
	return event;
}

const TEMPLATE_FIELDS = new Set([
	'message_template_status_update',
	'message_template_quality_update',
	'message_template_components_update',
	'template_category_update',
]);

/** A change of a field other than `messages`: one event carrying the whole value. */
function fieldEvent(field: string, value: IDataObject, change: IDataObject, wabaId: string, entryTime: unknown): ChatEvent {
	const kind = TEMPLATE_FIELDS.has(field) ? 'templateStatus' : field === 'flows' ? 'flow' : 'accountEvent';
	const event = baseEvent('whatsapp', kind, change);
	event.businessAccountId = wabaId;
	event.accountId = str(obj(value.metadata).phone_number_id);
	event.platformType = field;
	event.timestamp = isoTime(entryTime);
	event.text = str(value.event) || str(value.message);
	return event;
}

function unknownEvent(raw: IDataObject, wabaId: string): ChatEvent {
	const event = baseEvent('whatsapp', 'unknown', raw);
	event.businessAccountId = wabaId;
	event.accountId = str(obj(obj(raw.value).metadata).phone_number_id);
	event.platformType = str(raw.field);
	return event;
}

function parseObject(value: unknown): IDataObject | null {
	if (typeof value !== 'string') return value !== null && typeof value === 'object' ? obj(value) : null;
	try {
		const parsed = JSON.parse(value) as unknown;
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : null;
	} catch {
		return null;
	}
}
