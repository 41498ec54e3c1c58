import type { IDataObject } from 'n8n-workflow';

import type { PersonIds } from '../identity';
import { baseEvent } from './event';
import type { ChatEvent, DeliveryStatus } from './types';
import { bool, compact, isoTime, list, obj, str } from './values';
import { changeOfEarlierMessage, messageContent } from './whatsAppContent';
import { senderIds, statusRecipientIds, wellFormedIds, type WhatsAppPeople } from './whatsAppPeople';

const STATUSES = new Set<DeliveryStatus>(['sent', 'delivered', 'read', 'played', 'failed', 'deleted']);

/**
 * One entry of `value.messages`: a message, or what the contact did to an earlier one (`edit`,
 * `revoke`), or a system notice that their phone number or user id changed (`identityChange`).
 */
export function normaliseMessage(m: IDataObject, people: WhatsAppPeople): ChatEvent {
	const type = str(m.type);
	const system = obj(m.system);
	if (type === 'system' && IDENTITY_NOTICES.has(str(system.type))) return identityNotice(m, system, people);
	const event = people.stamp(baseEvent('whatsapp', 'message', m), senderIds(m));
	event.messageId = str(m.id);
	event.timestamp = isoTime(m.timestamp);
	event.platformType = type;
	const context = obj(m.context);
	if (context.id !== undefined) {
		event.context = compact({ messageId: str(context.id), from: str(context.from) || str(context.from_user_id), forwarded: bool(context.forwarded) });
	} else if (context.forwarded !== undefined || context.frequently_forwarded !== undefined) {
		event.context = { messageId: '', from: '', forwarded: true };
	}
	const change = changeOfEarlierMessage(m, event);
	if (change) event.event = change;
	event.type = change ?? messageContent(m, event);
	return event;
}

export function normaliseStatus(s: IDataObject, people: WhatsAppPeople): ChatEvent {
	const event = people.stamp(baseEvent('whatsapp', 'status', s), statusRecipientIds(s));
	const status = str(s.status) as DeliveryStatus;
	event.messageId = str(s.id);
	event.timestamp = isoTime(s.timestamp);
	event.platformType = str(s.status);
	event.status = STATUSES.has(status) ? status : 'unknown';
	const errors = list(s.errors).map(obj);
	if (errors.length) event.errors = [...errors, ...(event.errors ?? [])];
	if (s.pricing !== undefined) {
		const pricing = obj(s.pricing);
		event.pricing = compact({ category: str(pricing.category), billable: bool(pricing.billable), type: pricing.type === undefined ? undefined : str(pricing.type) });
	}
	return event;
}

/** System notices that a person's ids changed (other system messages stay messages). */
const IDENTITY_NOTICES = new Set(['user_changed_number', 'user_changed_user_id']);

/**
 * `user_changed_number`: `from` names the person's old number, `system.wa_id` and `system.user_id`
 * the new number and BSUID (a new number brings a new BSUID). `user_changed_user_id`: a new BSUID
 * and no phone number to share. Since August 2026 both carry the old ids as
 * `system.previous_user_id` / `previous_parent_user_id`; older payloads name the old BSUID only in
 * `from_user_id` or in the body text ("… changed from <old> to <new>"), read as fallbacks.
 */
function identityNotice(m: IDataObject, system: IDataObject, people: WhatsAppPeople): ChatEvent {
	const body = str(system.body);
	const fromBody = /changed from (\S+) to (\S+?)\.?$/.exec(body.trim());
	const sender = senderIds(m);
	const byNumber = str(system.type) === 'user_changed_number';
	const current: PersonIds = {
		phone: str(system.wa_id) || str(system.new_wa_id) || (byNumber ? (fromBody?.[2] ?? '') : sender.phone),
		bsuid: str(system.user_id) || (byNumber ? '' : (fromBody?.[2] ?? '')),
		parentBsuid: str(system.parent_user_id),
	};
	const previousBsuid = str(system.previous_user_id) || (sender.bsuid !== current.bsuid ? sender.bsuid : '') || (byNumber ? '' : (fromBody?.[1] ?? ''));
	const previous: PersonIds = {
		phone: byNumber ? sender.phone || (fromBody?.[1] ?? '') : current.phone,
		bsuid: previousBsuid,
		parentBsuid: str(system.previous_parent_user_id) || (sender.parentBsuid !== current.parentBsuid ? sender.parentBsuid : ''),
	};
	const event = people.stamp(baseEvent('whatsapp', 'identityChange', m), current);
	event.messageId = str(m.id);
	event.timestamp = isoTime(m.timestamp);
	event.platformType = `system.${str(system.type)}`;
	event.text = body;
	// Records move from the previous key to the current one: neither may be a malformed id.
	event.identityChange = { reason: byNumber ? 'phoneNumber' : 'userId', previous: wellFormedIds(event, previous), current: wellFormedIds(event, current) };
	return event;
}
