import type { IDataObject } from 'n8n-workflow';

import { MessageFieldError, oneOf, requireText } from '../fields';
import { CHANNEL_RULES } from './limits';
import type { Delivery, MetaChannel, SenderAction } from './types';

const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'] as const;
const SENDER_ACTIONS = ['mark_seen', 'typing_on', 'typing_off'] as const;

/**
 * `{ recipient, messaging_type, tag?, reply_to?, message }` for `POST /{id}/messages`.
 * MESSAGE_TAG needs a tag the channel allows (outside the 24-hour window).
 */
export function buildSendBody(channel: MetaChannel, recipientId: string, message: IDataObject, delivery: Delivery = {}): IDataObject {
	const messagingType = oneOf('messaging_type', delivery.messagingType ?? 'RESPONSE', MESSAGING_TYPES);
	const body: IDataObject = { recipient: recipient(recipientId), messaging_type: messagingType };
	if (messagingType === 'MESSAGE_TAG') {
		if (!delivery.tag) throw new MessageFieldError('tag', 'is required when messaging_type is MESSAGE_TAG');
		body.tag = oneOf('tag', delivery.tag, CHANNEL_RULES[channel].tags);
	} else if (delivery.tag) {
		throw new MessageFieldError('tag', 'is only sent with messaging_type MESSAGE_TAG');
	}
	if (delivery.replyTo) body.reply_to = { mid: requireText('reply_to.mid', delivery.replyTo).trim() };
	body.message = message;
	return body;
}

/** Typing indicator or read receipt; no message. */
export function buildSenderActionBody(recipientId: string, action: SenderAction): IDataObject {
	return { recipient: recipient(recipientId), sender_action: oneOf('sender_action', action, SENDER_ACTIONS) };
}

/** Instagram: react to a message with a heart ("love"), or remove the reaction. */
export function buildReactionBody(recipientId: string, messageId: string, react: boolean): IDataObject {
	const payload: IDataObject = { message_id: requireText('payload.message_id', messageId).trim() };
	if (react) payload.reaction = 'love';
	return { recipient: recipient(recipientId), sender_action: react ? 'react' : 'unreact', payload };
}

function recipient(id: string): IDataObject {
	return { id: requireText('recipient.id', id).trim() };
}
