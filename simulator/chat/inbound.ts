import { ids } from '../platform/defaults';
import type { ChannelName } from '../config';
import type { SimulatorContext } from '../context';
import { messagingInbound, viberInbound, type UserInput } from '../webhooks/payloads';
import { whatsAppInbound, whatsAppMessage } from '../webhooks/whatsApp';
import type { Delivery } from '../webhooks/sender';
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
	const message = ctx.journal.addMessage({ id, channel, contactId: contact.id, direction: 'in', at, payload: input as unknown as Record<string, unknown>, status: 'sending' });
	const from = { id: contact.id, name: contact.name };
	let body: string | Record<string, unknown>;
	if (channel === 'whatsapp') body = whatsAppInbound(ctx.config, contact, whatsAppMessage(ctx.config, contact, id, at, input));
	else if (channel === 'viber') body = viberInbound(from, id, at, input, ctx.contacts.trackingData.get(contact.id));
	else body = messagingInbound(ctx.config, channel, from, id, at, input);
	const delivery = await ctx.webhooks.send(channel, body, describe(input), { messageId: id });
	settle(ctx, id, delivery);
	return message;
}

/** A message the page sent shows as delivered once the trigger took its webhook, else failed with why. */
export function settle(ctx: SimulatorContext, messageId: string, delivery: Delivery): void {
	const problem = deliveryProblem(delivery);
	if (problem) ctx.journal.setStatus(messageId, 'failed', problem);
	else ctx.journal.setStatus(messageId, 'delivered');
}

/** Why the trigger did not take a webhook, or undefined when it did (HTTP 200). */
export function deliveryProblem(delivery: Delivery): string | undefined {
	if (delivery.status === 200) return undefined;
	return delivery.status === 'not sent' ? 'no webhook URL for this channel' : `webhook answered ${delivery.status}`;
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
