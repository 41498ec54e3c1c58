import type { IDataObject } from 'n8n-workflow';

import { baseEvent } from './event';
import type { ChatEvent } from './types';
import { compact, isoTime, num, obj, str } from './values';
import { changeOfEarlierMessage, messageContent } from './whatsAppContent';
import { echoRecipientIds, statusRecipientIds, wellFormedIds, type WhatsAppPeople } from './whatsAppPeople';

/**
 * WhatsApp webhook fields other than `messages` whose entries are about one person each. The
 * person is the contact of the event, so a flow can answer, update a record or honour a choice.
 */

/**
 * `smb_message_echoes`: a message the business sent, edited or deleted in the WhatsApp Business
 * app on the same number (coexistence). Like a Messenger echo, its contact is the person it was
 * sent to. Edits and deletions read as the contact's own do: `type` edit / revoke and the id of
 * the message they change.
 */
export function normaliseEcho(echo: IDataObject, people: WhatsAppPeople): ChatEvent {
	const event = people.stamp(baseEvent('whatsapp', 'echo', echo), echoRecipientIds(echo));
	event.messageId = str(echo.id);
	event.timestamp = isoTime(echo.timestamp);
	event.platformType = str(echo.type);
	event.type = changeOfEarlierMessage(echo, event) ?? messageContent(echo, event);
	return event;
}

/** `user_preferences`: the person stopped or resumed a category of messages (marketing). */
export function normalisePreference(entry: IDataObject, people: WhatsAppPeople): ChatEvent {
	const event = people.stamp(baseEvent('whatsapp', 'preference', entry), {
		phone: str(entry.wa_id),
		bsuid: str(entry.user_id),
		parentBsuid: str(entry.parent_user_id),
	});
	event.timestamp = isoTime(entry.timestamp);
	event.platformType = 'user_preferences';
	event.preference = compact({
		category: str(entry.category),
		value: str(entry.value),
		detail: entry.detail === undefined ? undefined : str(entry.detail),
	});
	event.text = str(entry.value);
	return event;
}

/**
 * `user_id_update`: the person's BSUID (and parent BSUID) changed, named before and after; the
 * phone number, where Meta shares it, stays.
 */
export function normaliseUserIdUpdate(entry: IDataObject, people: WhatsAppPeople): ChatEvent {
	const userId = obj(entry.user_id);
	const parent = obj(entry.parent_user_id);
	const phone = str(entry.wa_id);
	const current = { phone, bsuid: str(userId.current), parentBsuid: str(parent.current) };
	const previous = { phone, bsuid: str(userId.previous), parentBsuid: str(parent.previous) };
	const event = people.stamp(baseEvent('whatsapp', 'identityChange', entry), current);
	event.timestamp = isoTime(entry.timestamp);
	event.platformType = 'user_id_update';
	event.text = str(entry.detail);
	// Records move from the previous key to the current one: neither may be a malformed id.
	event.identityChange = { reason: 'userId', previous: wellFormedIds(event, previous), current: wellFormedIds(event, current) };
	return event;
}

/**
 * `calls` (Calling API): one event per call state change. The contact is whichever side is not
 * the business number: the caller of a user-initiated call, the callee of a business-initiated one.
 */
export function normaliseCall(call: IDataObject, people: WhatsAppPeople, businessNumber: string): ChatEvent {
	const direction = str(call.direction);
	const businessCalls = direction.toUpperCase().startsWith('BUSINESS') || (businessNumber !== '' && str(call.from) === businessNumber);
	const side = businessCalls ? 'to' : 'from';
	const event = people.stamp(baseEvent('whatsapp', 'call', call), {
		phone: str(call[side]),
		bsuid: str(call[`${side}_user_id`]),
		parentBsuid: str(call[`${side}_parent_user_id`]),
	});
	event.messageId = str(call.id);
	event.timestamp = isoTime(call.timestamp);
	event.platformType = `calls.${str(call.event)}`;
	event.call = compact({
		id: str(call.id),
		event: str(call.event),
		direction: direction || undefined,
		status: call.status === undefined ? undefined : str(call.status),
		startTime: call.start_time === undefined ? undefined : isoTime(call.start_time),
		endTime: call.end_time === undefined ? undefined : isoTime(call.end_time),
		durationSeconds: num(call.duration),
	});
	event.text = str(call.event);
	return event;
}

/**
 * A status of a business-initiated call (`calls` field, `statuses[]` with `type: call`): ringing,
 * accepted, rejected. Its contact is the person called.
 */
export function normaliseCallStatus(status: IDataObject, people: WhatsAppPeople): ChatEvent {
	const event = people.stamp(baseEvent('whatsapp', 'call', status), statusRecipientIds(status));
	event.messageId = str(status.id);
	event.timestamp = isoTime(status.timestamp);
	event.platformType = `calls.status.${str(status.status)}`;
	event.call = { id: str(status.id), event: 'status', direction: 'BUSINESS_INITIATED', status: str(status.status) };
	event.text = str(status.status);
	return event;
}
