import type { IDataObject } from 'n8n-workflow';

import { personContact } from '../identity';
import { baseEvent } from './event';
import type { ChatEvent, DeliveryStatus, EventKind, MessageType } from './types';
import { compact, isoTime, num, obj, str } from './values';

/** The fields Viber sends as 64-bit integers; parse them as strings (see parseJsonBody). */
export const VIBER_BIG_INTEGER_FIELDS = ['message_token'] as const;

const EVENTS = new Set<EventKind>([
	'message',
	'subscribed',
	'unsubscribed',
	'conversation_started',
	'delivered',
	'seen',
	'failed',
]);

const STATUS_OF: Record<string, DeliveryStatus> = { delivered: 'delivered', seen: 'read', failed: 'failed' };

const TYPE_OF: Record<string, MessageType> = {
	text: 'text',
	picture: 'image',
	video: 'video',
	file: 'document',
	sticker: 'sticker',
	contact: 'contacts',
	url: 'url',
	location: 'location',
};

/** True for Viber's first call after set_webhook (`event: webhook`): answer 200, run nothing. */
export function isViberWebhookCheck(body: IDataObject): boolean {
	return body.event === 'webhook';
}

/** One Viber callback is one event. */
export function normaliseViber(body: IDataObject): ChatEvent[] {
	const name = str(body.event);
	const event = baseEvent('viber', EVENTS.has(name as EventKind) ? (name as EventKind) : 'unknown', body);
	event.messageId = str(body.message_token);
	event.timestamp = isoTime(body.timestamp);
	event.platformType = name;
	const person = obj(body.sender ?? body.user);
	event.contact = personContact(str(person.id) || str(body.user_id), str(person.name));
	if (STATUS_OF[name]) event.status = STATUS_OF[name];
	if (name === 'failed' && body.desc !== undefined) event.errors = [{ message: str(body.desc) }];
	if (name === 'conversation_started') {
		event.text = str(body.context);
		event.subscribed = body.subscribed === true;
	}
	if (name === 'message') normaliseMessage(obj(body.message), event);
	return [event];
}

function normaliseMessage(message: IDataObject, event: ChatEvent): void {
	const type = str(message.type);
	event.platformType = type;
	event.type = TYPE_OF[type] ?? 'unknown';
	event.text = str(message.text);
	if (message.tracking_data !== undefined) event.trackingData = str(message.tracking_data);
	if (message.media !== undefined && event.type !== 'location') {
		event.media = compact({
			id: '',
			url: str(message.media),
			mimeType: '',
			filename: message.file_name === undefined ? undefined : str(message.file_name),
			size: num(message.size),
			caption: message.text === undefined ? undefined : str(message.text),
		});
		if (message.thumbnail !== undefined) event.media.thumbnail = str(message.thumbnail);
		if (message.duration !== undefined) event.media.duration = num(message.duration);
	}
	if (type === 'location') {
		const l = obj(message.location);
		event.location = { latitude: num(l.lat) ?? 0, longitude: num(l.lon) ?? 0 };
		if (l.address !== undefined) event.location.address = str(l.address);
	}
	if (type === 'contact') event.contacts = [obj(message.contact)];
	if (type === 'sticker') event.media = { id: str(message.sticker_id), url: str(message.media), mimeType: '' };
}
