import { ids } from '../platform/defaults';
import type { SimulatorContext } from '../context';
import { whatsAppEcho } from '../webhooks/whatsApp';
import { ActionRefused, type ActionResult } from './contactActions';
import { deliveryProblem, settle } from './inbound';

/**
 * The business writing from the WhatsApp Business app on the same number (coexistence): the
 * contact gets the message like any other from the business, and Meta tells the workflow with an
 * `smb_message_echoes` webhook. No statuses follow: those are for messages sent through the API.
 */
export async function sendFromBusinessApp(ctx: SimulatorContext, contactId: string, text: string): Promise<ActionResult> {
	const contact = ctx.contacts.find('whatsapp', contactId);
	if (!contact) throw new ActionRefused(`no WhatsApp contact ${contactId}`);
	if (!text.trim()) throw new ActionRefused('the text is empty');
	const id = ids.whatsAppMessage();
	const at = Date.now();
	ctx.journal.addMessage({ id, channel: 'whatsapp', contactId: contact.id, direction: 'out', at, payload: { type: 'text', text: { body: text } }, status: 'sending', origin: 'businessApp' });
	const delivery = await ctx.webhooks.send('whatsapp', whatsAppEcho(ctx.config, contact, id, at, text), `Business app echo "${text.slice(0, 40)}"`, { messageId: id });
	settle(ctx, id, delivery);
	return { id, error: deliveryProblem(delivery) };
}
