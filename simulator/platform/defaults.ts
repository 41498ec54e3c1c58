import { randomBytes } from 'node:crypto';

import { graphError } from './graphError';
import { checkTemplateSend } from './templateSend';
import type { RecordedRequest, ScriptedResponse } from './types';

export { graphError };

/**
 * Realistic default answers of the platforms, so a test only scripts what it is about.
 * Shapes follow the platforms' send API references.
 */

let sequence = 0;
const nextId = () => `${Date.now().toString(36)}${(sequence++).toString(36)}${randomBytes(6).toString('hex')}`;

export const ids = {
	whatsAppMessage: () => `wamid.${Buffer.from(`HBgL${nextId()}`).toString('base64')}`,
	messengerMessage: () => `m_${nextId()}`,
	viberToken: () => (BigInt(5_000_000_000_000_000_000n) + BigInt(sequence++)).toString(),
	media: () => String(1_000_000_000_000_000 + Math.floor(Math.random() * 1e15)),
};

/** A Cloud API send; a template send is checked against `templates` when any are known. */
export function whatsAppSend(request: RecordedRequest, templates: Array<Record<string, unknown>> = []): ScriptedResponse {
	const body = (request.json ?? {}) as Record<string, unknown>;
	if (body.messaging_product !== 'whatsapp') {
		return graphError(100, '(#100) The parameter messaging_product is required.');
	}
	const refusal = checkTemplateSend(body, templates);
	if (refusal) return refusal;
	if (body.status === 'read') return { json: { success: true } };
	// A phone number goes in `to`, a business-scoped user id in `recipient`; with both, `to` wins.
	const to = typeof body.to === 'string' ? body.to : '';
	const recipient = typeof body.recipient === 'string' ? body.recipient : '';
	if (!to && !recipient) return graphError(100, '(#100) The parameter to is required.');
	if (!to && !/^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/.test(recipient)) {
		return graphError(100, '(#100) Invalid parameter', 400, { error_data: { messaging_product: 'whatsapp', details: 'recipient must be a business-scoped user ID' } });
	}
	const contact = to ? { input: to, wa_id: to.replace(/\D/g, '') } : { input: recipient, user_id: recipient };
	return {
		json: {
			messaging_product: 'whatsapp',
			contacts: [contact],
			messages: [{ id: ids.whatsAppMessage(), ...(body.type === 'template' ? { message_status: 'accepted' } : {}) }],
		},
	};
}

/** `/marketing_messages` takes only templates (Meta refuses anything else with error 100). */
export function marketingMessagesSend(request: RecordedRequest, templates: Array<Record<string, unknown>> = []): ScriptedResponse {
	const body = (request.json ?? {}) as Record<string, unknown>;
	if (body.type !== 'template') {
		return graphError(100, '(#100) Invalid parameter', 400, { error_data: { messaging_product: 'whatsapp', details: 'Message must be a template message.' } });
	}
	return whatsAppSend(request, templates);
}

export function messengerSend(request: RecordedRequest): ScriptedResponse {
	const body = (request.json ?? {}) as { recipient?: { id?: string }; sender_action?: string };
	if (!body.recipient?.id) return graphError(100, '(#100) The parameter recipient is required');
	if (body.sender_action) return { json: { recipient_id: body.recipient.id } };
	return { json: { recipient_id: body.recipient.id, message_id: ids.messengerMessage() } };
}

export function viberSend(request: RecordedRequest): ScriptedResponse {
	const body = (request.json ?? {}) as { receiver?: string };
	if (!body.receiver) return { json: { status: 4, status_message: 'missingData' } };
	return { json: { status: 0, status_message: 'ok', message_token: ids.viberToken(), chat_hostname: 'SN-CHAT-01_' } };
}

export function viberBroadcast(request: RecordedRequest): ScriptedResponse {
	const body = (request.json ?? {}) as { broadcast_list?: unknown };
	if (!Array.isArray(body.broadcast_list) || body.broadcast_list.length === 0) {
		return { json: { status: 4, status_message: 'missingData' } };
	}
	return { json: { status: 0, status_message: 'ok', message_token: ids.viberToken(), failed_list: [] } };
}
