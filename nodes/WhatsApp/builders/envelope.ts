import { LIMITS } from './limits';
import { maxBytes, MessageFieldError, requireText } from '../../shared/limits';

/** What every outgoing message shares (channels.md §2, "WhatsApp"). */
export interface EnvelopeOptions {
	/** Reply to this message (shown quoted). */
	replyToMessageId?: string;
	/** Echoed back in status webhooks (≤512 bytes). */
	bizOpaqueCallbackData?: string;
}

export type OutgoingMessage = Record<string, unknown> & { messaging_product: 'whatsapp'; to: string; type: string };

/**
 * `{messaging_product, recipient_type, to, type, <type>: payload, context?, biz_opaque_callback_data?}`
 * in this key order, so request bodies are stable byte for byte.
 */
export function envelope(to: unknown, type: string, payload: unknown, options: EnvelopeOptions = {}): OutgoingMessage {
	const message: OutgoingMessage = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: normaliseRecipient(to),
		type,
		[type]: payload,
	};
	if (options.replyToMessageId) message.context = { message_id: options.replyToMessageId.trim() };
	if (options.bizOpaqueCallbackData) {
		message.biz_opaque_callback_data = maxBytes('biz_opaque_callback_data', options.bizOpaqueCallbackData, LIMITS.bizOpaqueBytes);
	}
	return message;
}

/**
 * A phone number in any common notation ("+1 (555) 010-2030") becomes digits, as WhatsApp
 * IDs are; anything else (a future user id format) is passed through trimmed.
 */
export function normaliseRecipient(value: unknown): string {
	const raw = requireText('to', value).trim();
	const digits = raw.replace(/[\s().-]/g, '').replace(/^\+/, '');
	if (/^\d+$/.test(digits)) {
		if (digits.length < 6 || digits.length > 20) throw new MessageFieldError('to', `"${raw}" is not a phone number with country code`);
		return digits;
	}
	return raw;
}
