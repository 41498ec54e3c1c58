import type { Contact } from '../chat/contacts';
import type { SimulatorConfig } from '../config';
import type { StatusName, UserInput } from './payloads';

/**
 * WhatsApp webhook bodies as Meta sends them since business-scoped user ids (2026): entry →
 * changes → value of one field. Every person is named by their BSUID (`user_id`,
 * `from_user_id`, `recipient_user_id`, `to_user_id`), by their phone number only when they share
 * it, by their parent BSUID when the business has those enabled; keys come in the order of Meta's
 * reference pages, so the bytes read like Meta's.
 */

type Json = Record<string, unknown>;

const seconds = (ms: number) => String(Math.floor(ms / 1000));

/** Keeps the keys whose value is set, in order (Meta leaves out what it does not share). */
function present(fields: Json): Json {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== ''));
}

/**
 * The `contacts[]` entry about a person. The username is in every messages webhook but, on
 * statuses, only on delivered and read.
 */
function personEntry(contact: Contact, withUsername = true): Json {
	return present({
		profile: present({ name: contact.name, username: withUsername ? contact.username : undefined }),
		wa_id: contact.phone,
		user_id: contact.bsuid,
		parent_user_id: contact.parentBsuid,
	});
}

/** `from`, `from_user_id`, `from_parent_user_id` of a message the person sent. */
function senderFields(contact: Contact): Json {
	return present({ from: contact.phone, from_user_id: contact.bsuid, from_parent_user_id: contact.parentBsuid });
}

function envelope(config: SimulatorConfig, field: string, value: Json): Json {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: config.business.wabaId,
				changes: [
					{
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: config.business.displayPhoneNumber, phone_number_id: config.business.phoneNumberId },
							...value,
						},
						field,
					},
				],
			},
		],
	};
}

/** The `message` object of what the person did on the chat page. */
export function whatsAppMessage(config: SimulatorConfig, from: Contact, id: string, at: number, input: UserInput): Json {
	const base: Json = { ...senderFields(from), id, timestamp: seconds(at) };
	const context = (replyTo?: string) => (replyTo ? { context: { from: config.business.displayPhoneNumber, id: replyTo } } : {});
	switch (input.kind) {
		case 'text':
			return { ...base, type: 'text', text: { body: input.text } };
		case 'reply':
			if (input.source === 'template_button') {
				return { ...context(input.replyTo), ...base, type: 'button', button: { text: input.title, payload: input.id } };
			}
			if (input.source === 'list') {
				const row = { id: input.id, title: input.title, ...(input.description ? { description: input.description } : {}) };
				return { ...context(input.replyTo), ...base, type: 'interactive', interactive: { type: 'list_reply', list_reply: row } };
			}
			return { ...context(input.replyTo), ...base, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: input.id, title: input.title } } };
		case 'location':
			return { ...base, type: 'location', location: { latitude: input.latitude, longitude: input.longitude, ...(input.name ? { name: input.name } : {}), ...(input.address ? { address: input.address } : {}) } };
		case 'image':
			return { ...base, type: 'image', image: { ...(input.caption ? { caption: input.caption } : {}), mime_type: input.mimeType, sha256: input.sha256, id: input.mediaId } };
		case 'contact':
			return { ...base, type: 'contacts', contacts: [{ name: { formatted_name: input.name, first_name: input.name }, phones: [{ phone: input.phone, wa_id: input.phone.replace(/\D/g, ''), type: 'CELL' }] }] };
		case 'flow':
			return { ...context(input.replyTo), ...base, type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { response_json: input.responseJson, body: 'Sent', name: 'flow' } } };
	}
}

/** The person edited the text of a message they sent: `type: edit`, the new content under `edit.message`. */
export function whatsAppEditMessage(from: Contact, id: string, at: number, originalId: string, text: string): Json {
	return { ...senderFields(from), id, timestamp: seconds(at), type: 'edit', edit: { original_message_id: originalId, message: { type: 'text', text: { body: text } } } };
}

/** The person deleted a message they sent, for everyone: `type: revoke`. */
export function whatsAppRevokeMessage(from: Contact, id: string, at: number, originalId: string): Json {
	return { ...senderFields(from), id, timestamp: seconds(at), type: 'revoke', revoke: { original_message_id: originalId } };
}

/** A `messages` webhook carrying one message (or edit, or deletion) of the person. */
export function whatsAppInbound(config: SimulatorConfig, from: Contact, message: Json): Json {
	return envelope(config, 'messages', { contacts: [personEntry(from)], messages: [message] });
}

/** How the business addressed the message a status is about: `to` (phone) or `recipient` (BSUID). */
export type AddressedBy = 'phone' | 'bsuid';

/** A send with `to` went to the phone number (`to` wins over `recipient`), else to the BSUID. */
export function addressedBy(sendBody: Json): AddressedBy {
	return typeof sendBody.to === 'string' && sendBody.to !== '' ? 'phone' : 'bsuid';
}

export interface StatusDetails {
	conversationId: string;
	callbackData?: string;
	error?: { code: number; title: string; message: string };
}

/**
 * A status of a message the business sent. `recipient_id` only when it went to the phone number;
 * `recipient_user_id` always, except on a failed status of a message sent to the phone number;
 * a `contacts[]` entry on sent, delivered and read (with the username on delivered and read), none
 * on failed.
 */
export function whatsAppStatus(
	config: SimulatorConfig,
	recipient: Contact,
	addressedBy: AddressedBy,
	messageId: string,
	status: StatusName,
	at: number,
	details: StatusDetails,
): Json {
	const failed = status === 'failed';
	const bsuidsShown = !(failed && addressedBy === 'phone');
	const entry = present({
		id: messageId,
		status,
		timestamp: seconds(at),
		recipient_id: addressedBy === 'phone' ? recipient.phone : undefined,
		recipient_user_id: bsuidsShown ? recipient.bsuid : undefined,
		recipient_parent_user_id: bsuidsShown ? recipient.parentBsuid : undefined,
	});
	if (status === 'sent' || status === 'delivered') {
		entry.conversation = {
			id: details.conversationId,
			...(status === 'sent' ? { expiration_timestamp: seconds(at + 24 * 3600_000) } : {}),
			origin: { type: 'service' },
		};
		entry.pricing = { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' };
	}
	if (details.callbackData) entry.biz_opaque_callback_data = details.callbackData;
	if (failed && details.error) {
		entry.errors = [{ code: details.error.code, title: details.error.title, message: details.error.message, error_data: { details: details.error.message } }];
	}
	const contacts = failed ? {} : { contacts: [personEntry(recipient, status !== 'sent')] };
	return envelope(config, 'messages', { ...contacts, statuses: [entry] });
}

/**
 * `smb_message_echoes`: the business wrote to the person in the WhatsApp Business app on the same
 * number (coexistence); `from` is the business number, `to` the person's phone when shared.
 */
export function whatsAppEcho(config: SimulatorConfig, to: Contact, id: string, at: number, text: string): Json {
	const echo = {
		from: config.business.displayPhoneNumber,
		...present({ to: to.phone, to_user_id: to.bsuid, to_parent_user_id: to.parentBsuid }),
		id,
		timestamp: seconds(at),
		type: 'text',
		text: { body: text },
	};
	return envelope(config, 'smb_message_echoes', { contacts: [personEntry(to)], message_echoes: [echo] });
}

export type MarketingChoice = 'stop' | 'resume';

/** `user_preferences`: the person stopped or resumed marketing messages; its timestamp is a number. */
export function whatsAppMarketingPreference(config: SimulatorConfig, contact: Contact, choice: MarketingChoice, at: number): Json {
	const preference = {
		...present({ wa_id: contact.phone, user_id: contact.bsuid, parent_user_id: contact.parentBsuid }),
		detail: `User requested to ${choice} marketing messages`,
		category: 'marketing_messages',
		value: choice,
		timestamp: Math.floor(at / 1000),
	};
	return envelope(config, 'user_preferences', { contacts: [personEntry(contact)], user_preferences: [preference] });
}
