import { LIMITS } from './limits';
import { canonicalWhatsAppId, notAWhatsAppId } from '../../shared/identity';
import { maxBytes, MessageFieldError, requireText } from '../../shared/fields';

/** What every outgoing message shares (Meta's messages reference). */
export interface EnvelopeOptions {
	/** Reply to this message (shown quoted). */
	replyToMessageId?: string;
	/** Echoed back in status webhooks (≤512 bytes). */
	bizOpaqueCallbackData?: string;
}

export type OutgoingMessage = Record<string, unknown> & { messaging_product: 'whatsapp'; type: string } & RecipientField;

/**
 * `{messaging_product, recipient_type, to | recipient, type, <type>: payload, context?,
 * biz_opaque_callback_data?}` in this key order, so request bodies are stable byte for byte.
 */
export function envelope(to: unknown, type: string, payload: unknown, options: EnvelopeOptions = {}): OutgoingMessage {
	const message: OutgoingMessage = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		...recipientField(to),
		type,
		[type]: payload,
	};
	if (options.replyToMessageId) message.context = { message_id: options.replyToMessageId.trim() };
	if (options.bizOpaqueCallbackData) {
		message.biz_opaque_callback_data = maxBytes('biz_opaque_callback_data', options.bizOpaqueCallbackData, LIMITS.bizOpaqueBytes);
	}
	return message;
}

/** Meta's field for the person a message goes to: `to` takes a phone number, `recipient` a BSUID. */
export type RecipientField = { to: string; recipient?: never } | { recipient: string; to?: never };

/**
 * The recipient field for what a user typed or mapped: a phone number in any common notation
 * ("+1 (555) 010-2030") becomes `to` with WhatsApp's digits; a business-scoped user id or parent
 * business-scoped user id (a person who shares no phone number) becomes `recipient`, as is.
 * Anything else is refused before a request is made, naming the forms that are accepted.
 */
export function recipientField(value: unknown): RecipientField {
	const raw = requireText('to', value).trim();
	const canonical = canonicalWhatsAppId(raw);
	if (!canonical) throw new MessageFieldError('to', notAWhatsAppId(raw));
	return canonical.kind === 'phone' ? { to: canonical.id } : { recipient: canonical.id };
}

/** The recipient as Meta will get it (digits for a phone number, a BSUID as is). */
export function normaliseRecipient(value: unknown): string {
	const field = recipientField(value);
	return field.to ?? field.recipient;
}
