import { messengerSend, viberSend, whatsAppSend } from '../platform/defaults';
import type { RecordedRequest, ScriptedResponse } from '../platform/types';
import type { ChannelName } from '../config';
import type { SimulatorContext } from '../context';
import { errorResponse } from '../businessAccount/errors';
import { marketingRefusal } from './marketingOptOut';
import type { StatusEmitter } from './statuses';

/**
 * The business's sends, as the nodes make them: answered with the fake platform's realistic
 * defaults (or an injected error), then shown in the contact's conversation and followed by
 * delivery statuses. Mark-as-read and typing indicators tick the contact's own messages.
 */
export function installOutbound(ctx: SimulatorContext, statuses: StatusEmitter): void {
	const { platform } = ctx;
	platform.on('POST', '/:version/:accountId/messages', (request) => {
		const body = (request.json ?? {}) as Record<string, unknown>;
		if ('messaging_product' in body || !('recipient' in body)) return whatsApp(ctx, statuses, request);
		return messaging(ctx, statuses, request);
	});
	for (const path of ['/send_message', '/pa/send_message']) platform.on('POST', path, (request) => viber(ctx, statuses, request));
}

function whatsApp(ctx: SimulatorContext, statuses: StatusEmitter, request: RecordedRequest): ScriptedResponse {
	const body = (request.json ?? {}) as Record<string, unknown>;
	if (body.status === 'read' && typeof body.message_id === 'string') {
		const answer = whatsAppSend(request);
		const message = ctx.journal.messages.get(body.message_id);
		if (message && message.direction === 'in') ctx.journal.setStatus(message.id, 'read');
		if (message && body.typing_indicator) ctx.journal.append({ type: 'typing', channel: message.channel, contactId: message.contactId });
		return answer;
	}
	const failure = ctx.errors.take('whatsapp');
	if (failure?.mode === 'response') return errorResponse(failure);
	const answer = whatsAppSend(request, ctx.platform.templates);
	const id = (answer.json as { messages?: Array<{ id: string }> } | undefined)?.messages?.[0]?.id;
	if (!id) return answer;
	// `to` (a phone number) wins over `recipient` (a BSUID or parent BSUID), as at Meta.
	const contact = ctx.contacts.ensure('whatsapp', String(body.to || body.recipient));
	const message = ctx.journal.addMessage({ id, channel: 'whatsapp', contactId: contact.id, direction: 'out', at: Date.now(), payload: body, status: 'sending' });
	statuses.start(message, failure ?? marketingRefusal(ctx.config, contact, body), typeof body.biz_opaque_callback_data === 'string' ? body.biz_opaque_callback_data : undefined);
	return answer;
}

function messaging(ctx: SimulatorContext, statuses: StatusEmitter, request: RecordedRequest): ScriptedResponse {
	const body = (request.json ?? {}) as { recipient?: { id?: string }; sender_action?: string; message?: Record<string, unknown> };
	const recipient = String(body.recipient?.id ?? '');
	const channel: ChannelName = ctx.contacts.channelOfScopedId(recipient) ?? (request.path.includes(`/${ctx.config.business.instagramId}/`) ? 'instagram' : 'messenger');
	if (body.sender_action) {
		const answer = messengerSend(request);
		if (body.sender_action === 'mark_seen') {
			for (const message of ctx.journal.conversation(channel, recipient)) if (message.direction === 'in' && message.status !== 'read') ctx.journal.setStatus(message.id, 'read');
		}
		if (body.sender_action === 'typing_on') ctx.journal.append({ type: 'typing', channel, contactId: recipient });
		return answer;
	}
	const failure = ctx.errors.take(channel);
	if (failure) return errorResponse(failure);
	const answer = messengerSend(request);
	const id = (answer.json as { message_id?: string } | undefined)?.message_id;
	if (!id) return answer;
	const contact = ctx.contacts.ensure(channel, recipient);
	const message = ctx.journal.addMessage({ id, channel, contactId: contact.id, direction: 'out', at: Date.now(), payload: body as Record<string, unknown>, status: 'sending' });
	statuses.start(message);
	return answer;
}

function viber(ctx: SimulatorContext, statuses: StatusEmitter, request: RecordedRequest): ScriptedResponse {
	const body = (request.json ?? {}) as Record<string, unknown>;
	const failure = ctx.errors.take('viber');
	if (failure) return errorResponse(failure);
	const answer = viberSend(request);
	const token = (answer.json as { message_token?: string } | undefined)?.message_token;
	if (!token) return answer;
	const contact = ctx.contacts.ensure('viber', String(body.receiver));
	if (typeof body.tracking_data === 'string') ctx.contacts.trackingData.set(contact.id, body.tracking_data);
	const message = ctx.journal.addMessage({ id: token, channel: 'viber', contactId: contact.id, direction: 'out', at: Date.now(), payload: body, status: 'sending' });
	statuses.start(message);
	// Viber writes message_token as a 64-bit integer, not a string.
	return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer.json).replace(`"message_token":"${token}"`, `"message_token":${token}`) };
}
