import type { IDataObject } from 'n8n-workflow';

import { personContact } from '../identity';
import { baseEvent } from './event';
import type { ChatEvent, Media, MessageType } from './types';
import { compact, isoTime, list, num, obj, str } from './values';

type MetaChannel = 'messenger' | 'instagram';

const MEDIA_KINDS: Record<string, MessageType> = {
	image: 'image',
	video: 'video',
	audio: 'audio',
	file: 'document',
	sticker: 'sticker',
	animated_image: 'image',
	story_mention: 'image',
	ig_reel: 'video',
	reel: 'video',
	share: 'url',
	fallback: 'url',
	template: 'unknown',
};

/**
 * `object: page` (Messenger) and `object: instagram` → one event per `messaging[]` and
 * `standby[]` item of every entry, in order; entry `changes[]` (feed, comments) become one
 * `accountEvent` each. The page / Instagram account is the entry id.
 */
export function flattenMessaging(channel: MetaChannel, body: IDataObject): ChatEvent[] {
	const events: ChatEvent[] = [];
	for (const entryValue of list(body.entry)) {
		const entry = obj(entryValue);
		const accountId = str(entry.id);
		const before = events.length;
		for (const [items, standby] of [
			[list(entry.messaging), false],
			[list(entry.standby), true],
		] as const) {
			for (const item of items) {
				const event = normaliseMessaging(channel, obj(item), accountId);
				if (standby) event.standby = true;
				events.push(event);
			}
		}
		for (const change of list(entry.changes)) {
			const c = obj(change);
			const event = baseEvent(channel, 'accountEvent', c);
			event.accountId = accountId;
			event.platformType = str(c.field);
			event.timestamp = isoTime(entry.time);
			events.push(event);
		}
		if (events.length === before) {
			const event = baseEvent(channel, 'unknown', entry);
			event.accountId = accountId;
			events.push(event);
		}
	}
	return events;
}

function normaliseMessaging(channel: MetaChannel, item: IDataObject, accountId: string): ChatEvent {
	const message = item.message === undefined ? undefined : obj(item.message);
	const echo = message?.is_echo === true;
	const event = baseEvent(channel, kindOf(item, echo), item);
	event.accountId = accountId;
	// The contact is the sender, except on echoes, which the page itself sent to the contact.
	event.contact = personContact(str(obj(echo ? item.recipient : item.sender).id), '');
	event.timestamp = isoTime(item.timestamp);
	switch (event.event) {
		case 'message':
		case 'echo':
			normaliseMessage(message ?? {}, event);
			break;
		case 'postback': {
			const p = obj(item.postback);
			event.messageId = str(p.mid);
			event.reply = { id: str(p.payload), title: str(p.title) };
			event.text = str(p.title);
			event.type = 'reply';
			event.platformType = 'postback';
			if (p.referral !== undefined) event.referral = obj(p.referral);
			break;
		}
		case 'reaction': {
			const r = obj(item.reaction);
			event.messageId = str(r.mid);
			event.reaction = { messageId: str(r.mid), emoji: str(r.emoji) || str(r.reaction), action: str(r.action) };
			event.text = event.reaction.emoji;
			event.type = 'reaction';
			event.platformType = 'reaction';
			break;
		}
		case 'read': {
			const r = obj(item.read);
			event.status = 'read';
			event.messageId = str(r.mid);
			if (r.watermark !== undefined) event.watermark = num(r.watermark) ?? 0;
			event.platformType = 'read';
			break;
		}
		case 'delivery': {
			const d = obj(item.delivery);
			event.status = 'delivered';
			const mids = list(d.mids).map(str);
			event.messageId = mids[0] ?? '';
			event.messageIds = mids;
			if (d.watermark !== undefined) event.watermark = num(d.watermark) ?? 0;
			event.platformType = 'delivery';
			break;
		}
		case 'referral':
			event.referral = obj(item.referral);
			event.text = str(obj(item.referral).ref);
			event.platformType = 'referral';
			break;
		default:
			event.platformType = Object.keys(item).find((key) => !['sender', 'recipient', 'timestamp'].includes(key)) ?? '';
	}
	return event;
}

function kindOf(item: IDataObject, echo: boolean): ChatEvent['event'] {
	if (item.message !== undefined) return echo ? 'echo' : 'message';
	if (item.postback !== undefined) return 'postback';
	if (item.reaction !== undefined) return 'reaction';
	if (item.read !== undefined) return 'read';
	if (item.delivery !== undefined) return 'delivery';
	if (item.referral !== undefined) return 'referral';
	return 'unknown';
}

function normaliseMessage(message: IDataObject, event: ChatEvent): void {
	event.messageId = str(message.mid);
	event.text = str(message.text);
	const replyTo = obj(message.reply_to);
	if (replyTo.mid !== undefined) event.context = { messageId: str(replyTo.mid), from: '' };
	if (replyTo.story !== undefined) event.story = obj(replyTo.story);
	const attachments = list(message.attachments).map((a) => attachmentOf(obj(a)));
	if (message.is_deleted === true) {
		event.type = 'deleted';
		event.platformType = 'deleted';
	} else if (message.is_unsupported === true) {
		event.type = 'unsupported';
		event.platformType = 'unsupported';
	} else if (message.quick_reply !== undefined) {
		event.reply = { id: str(obj(message.quick_reply).payload), title: str(message.text) };
		event.type = 'reply';
		event.platformType = 'quick_reply';
	} else if (attachments.length) {
		const first = attachments[0];
		event.platformType = first.kind ?? '';
		event.attachments = attachments.map((a) => a.media);
		if (first.location) {
			event.location = first.location;
			event.type = 'location';
		} else {
			event.media = first.media;
			event.type = MEDIA_KINDS[first.kind ?? ''] ?? 'unknown';
		}
	} else if (message.text !== undefined) {
		event.type = 'text';
		event.platformType = 'text';
	} else {
		event.type = 'unknown';
	}
}

function attachmentOf(attachment: IDataObject): { kind?: string; media: Media; location?: ChatEvent['location'] } {
	const kind = str(attachment.type);
	const payload = obj(attachment.payload);
	const coordinates = obj(payload.coordinates);
	const media: Media = compact({
		id: str(payload.attachment_id) || str(payload.sticker_id) || str(payload.reel_video_id),
		url: str(payload.url),
		mimeType: '',
		kind,
		caption: payload.title === undefined ? undefined : str(payload.title),
	});
	if (kind === 'location' && coordinates.lat !== undefined) {
		return {
			kind,
			media,
			location: { latitude: num(coordinates.lat) ?? 0, longitude: num(coordinates.long) ?? 0 },
		};
	}
	return { kind, media };
}
