import type { IDataObject } from 'n8n-workflow';

import { baseEvent } from './event';
import type { ChatEvent } from './types';
import { isoTime, list, obj, str } from './values';
import { normaliseMessage, normaliseStatus } from './whatsAppMessages';
import { WhatsAppPeople } from './whatsAppPeople';
import { normaliseCall, normaliseCallStatus, normaliseEcho, normalisePreference, normaliseUserIdUpdate } from './whatsAppPersonFields';

/**
 * `object: whatsapp_business_account` → one event per message, status, error, echo, preference,
 * identity update and call of every change of every entry, in delivery order. Changes of other
 * fields (template status, Flows, account updates) become one event each.
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
			const people = PERSON_FIELDS[field];
			if (people) events.push(...people(value).map((event) => stampAccount(event, value, wabaId)));
			else events.push(fieldEvent(field, value, change, wabaId, entry.time));
			if (events.length === before) events.push(unknownEvent(change, wabaId));
		}
	}
	return events;
}

/** Fields whose value lists events about people, each read with the value's `contacts[]`. */
const PERSON_FIELDS: Record<string, (value: IDataObject) => ChatEvent[]> = {
	messages: (value) => {
		const people = new WhatsAppPeople(value);
		return [
			...list(value.messages).map((m) => normaliseMessage(obj(m), people)),
			...list(value.statuses).map((s) => normaliseStatus(obj(s), people)),
			...valueErrors(value),
		];
	},
	smb_message_echoes: (value) => {
		const people = new WhatsAppPeople(value);
		return list(value.message_echoes).map((echo) => normaliseEcho(obj(echo), people));
	},
	user_preferences: (value) => {
		const people = new WhatsAppPeople(value);
		return list(value.user_preferences).map((preference) => normalisePreference(obj(preference), people));
	},
	user_id_update: (value) => {
		const people = new WhatsAppPeople(value);
		return list(value.user_id_update).map((update) => normaliseUserIdUpdate(obj(update), people));
	},
	calls: (value) => {
		const people = new WhatsAppPeople(value);
		const business = str(obj(value.metadata).display_phone_number);
		return [
			...list(value.calls).map((call) => normaliseCall(obj(call), people, business)),
			...list(value.statuses).map((status) => normaliseCallStatus(obj(status), people)),
		];
	},
};

function stampAccount(event: ChatEvent, value: IDataObject, wabaId: string): ChatEvent {
	event.accountId = str(obj(value.metadata).phone_number_id);
	event.businessAccountId = wabaId;
	return event;
}

/** `value.errors` of a messages change (problems not tied to one message): one event. */
function valueErrors(value: IDataObject): ChatEvent[] {
	const errors = list(value.errors).map(obj);
	if (errors.length === 0) return [];
	const event = baseEvent('whatsapp', 'error', value);
	event.errors = errors;
	event.text = errors.map((e) => str(e.message) || str(e.title)).join('; ');
	event.platformType = 'errors';
	return [event];
}

const TEMPLATE_FIELDS = new Set([
	'message_template_status_update',
	'message_template_quality_update',
	'message_template_components_update',
	'template_category_update',
]);

/** A change of a field about the account, not a person: one event carrying the whole value. */
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
