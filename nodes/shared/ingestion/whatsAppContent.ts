import type { IDataObject } from 'n8n-workflow';

import type { ChatEvent, Media, MessageType } from './types';
import { bool, compact, list, num, obj, str } from './values';

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/**
 * The content of one WhatsApp message object (`type` plus the object named by it), as the
 * normalised fields of `event`: text, media, location, reply, Flow response, reaction, ... An
 * inbound message, a business-app echo and the new content of an edit all carry it this way.
 */
/**
 * An edit or deletion of an earlier message (by the contact, or by the business in the WhatsApp
 * Business app): sets `originalMessageId` and, for an edit, the new content as the event's own,
 * with its type in `contentType`. Returns 'edit' / 'revoke', or undefined for anything else.
 */
export function changeOfEarlierMessage(m: IDataObject, event: ChatEvent): 'edit' | 'revoke' | undefined {
	if (m.type === 'edit') {
		const edit = obj(m.edit);
		event.originalMessageId = str(edit.original_message_id);
		event.contentType = messageContent(obj(edit.message), event);
		event.platformType = 'edit';
		return 'edit';
	}
	if (m.type === 'revoke') {
		event.originalMessageId = str(obj(m.revoke).original_message_id);
		return 'revoke';
	}
	return undefined;
}

/** Sets the type-specific fields on `event` and returns the normalised type. */
export function messageContent(m: IDataObject, event: ChatEvent): MessageType {
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

function parseObject(value: unknown): IDataObject | null {
	if (typeof value !== 'string') return value !== null && typeof value === 'object' ? obj(value) : null;
	try {
		const parsed = JSON.parse(value) as unknown;
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : null;
	} catch {
		return null;
	}
}
