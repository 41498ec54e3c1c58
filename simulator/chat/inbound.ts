import { ids } from '../platform/defaults';
import type { ChannelName } from '../config';
import type { SimulatorContext } from '../context';
import { messagingInbound, viberInbound, whatsAppInbound, whatsAppMessage, type UserInput } from '../webhooks/payloads';
import type { ChatMessage } from './journal';

/**
 * What the contact does on the chat page becomes the platform's webhook: a new message in the
 * conversation (with a platform id), signed and POSTed to the channel's trigger URL. If the
 * trigger does not answer 200 the message shows as failed, with the status, like a phone that
 * could not send.
 */
export async function receiveFromContact(ctx: SimulatorContext, channel: ChannelName, contactId: string, input: UserInput): Promise<ChatMessage> {
	const contact = ctx.contacts.ensure(channel, contactId);
	const at = Date.now();
	const id = channel === 'whatsapp' ? ids.whatsAppMessage() : channel === 'viber' ? ids.viberToken() : ids.messengerMessage();
	const message = ctx.journal.addMessage({ id, channel, contactId, direction: 'in', at, payload: input as unknown as Record<string, unknown>, status: 'sending' });
	const from = { id: contact.id, name: contact.name };
	let body: string | Record<string, unknown>;
	if (channel === 'whatsapp') body = whatsAppInbound(ctx.config, from, whatsAppMessage(ctx.config, from, id, at, input));
	else if (channel === 'viber') body = viberInbound(from, id, at, input, ctx.contacts.trackingData.get(contact.id));
	else body = messagingInbound(ctx.config, channel, from, id, at, input);
	const delivery = await ctx.webhooks.send(channel, body, describe(input), { messageId: id });
	if (delivery.status === 200) ctx.journal.setStatus(id, 'delivered');
	else ctx.journal.setStatus(id, 'failed', delivery.status === 'not sent' ? 'no webhook URL for this channel' : `webhook answered ${delivery.status}`);
	return message;
}

function describe(input: UserInput): string {
	switch (input.kind) {
		case 'text':
			return `text "${input.text.slice(0, 40)}"`;
		case 'reply':
			return `${input.source.replace('_', ' ')} "${input.title}"`;
		case 'location':
			return `location ${input.latitude.toFixed(4)}, ${input.longitude.toFixed(4)}`;
		case 'image':
			return `image ${input.fileName}`;
		case 'contact':
			return `contact ${input.name}`;
		case 'flow':
			return 'Flow response (nfm_reply)';
	}
}
