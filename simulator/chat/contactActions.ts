import { ids } from '../platform/defaults';
import type { SimulatorContext } from '../context';
import { whatsAppEditMessage, whatsAppInbound, whatsAppMarketingPreference, whatsAppRevokeMessage, type MarketingChoice } from '../webhooks/whatsApp';
import type { Contact } from './contacts';
import { deliveryProblem, settle } from './inbound';
import type { ChatMessage } from './journal';

/**
 * What a WhatsApp contact does besides writing: edit or delete a message they sent (Meta sends
 * `edit` / `revoke` on the messages field, for numbers also used in the WhatsApp Business app),
 * and stop or resume marketing messages (`user_preferences`). The phone shows the change at once;
 * the webhook follows, signed like every other.
 */

/** What became of an action: the id of its webhook event, and why the trigger did not take it. */
export interface ActionResult {
	id: string;
	error?: string;
}

/** A request the simulator refuses (unknown message, not the contact's own, …): answered with 400. */
export class ActionRefused extends Error {}

/** The contact changes the text of a text message they sent. */
export async function editMessage(ctx: SimulatorContext, messageId: string, text: string): Promise<ActionResult> {
	const { message, contact } = ownWhatsAppMessage(ctx, messageId);
	if (message.payload.kind !== 'text') throw new ActionRefused('only text messages can be edited');
	if (!text.trim()) throw new ActionRefused('the new text is empty');
	ctx.journal.update(message.id, { payload: { ...message.payload, text }, edited: true });
	const id = ids.whatsAppMessage();
	const body = whatsAppInbound(ctx.config, contact, whatsAppEditMessage(contact, id, Date.now(), message.id, text));
	const delivery = await ctx.webhooks.send('whatsapp', body, `edit → "${text.slice(0, 40)}"`, { messageId: id });
	return { id, error: deliveryProblem(delivery) };
}

/** The contact deletes a message they sent, for everyone. */
export async function deleteMessage(ctx: SimulatorContext, messageId: string): Promise<ActionResult> {
	const { message, contact } = ownWhatsAppMessage(ctx, messageId);
	ctx.journal.update(message.id, { revoked: true });
	const id = ids.whatsAppMessage();
	const body = whatsAppInbound(ctx.config, contact, whatsAppRevokeMessage(contact, id, Date.now(), message.id));
	const delivery = await ctx.webhooks.send('whatsapp', body, 'deleted a message (revoke)', { messageId: id });
	return { id, error: deliveryProblem(delivery) };
}

/**
 * The contact stops or resumes marketing messages from the business. The chat shows it as a note;
 * while stopped, marketing templates sent to them fail with 131050, as at Meta.
 */
export async function setMarketingPreference(ctx: SimulatorContext, contactId: string, choice: MarketingChoice): Promise<ActionResult> {
	const contact = ctx.contacts.find('whatsapp', contactId);
	if (!contact) throw new ActionRefused(`no WhatsApp contact ${contactId}`);
	ctx.contacts.setMarketingStopped(contact, choice === 'stop');
	const at = Date.now();
	// Meta gives preference changes no id; the journal needs one for the note.
	const id = `preference.${ids.media()}`;
	ctx.journal.addMessage({ id, channel: 'whatsapp', contactId: contact.id, direction: 'in', at, payload: { kind: 'marketingPreference', value: choice }, status: 'sending' });
	const delivery = await ctx.webhooks.send('whatsapp', whatsAppMarketingPreference(ctx.config, contact, choice, at), `${choice} marketing messages`);
	settle(ctx, id, delivery);
	return { id, error: deliveryProblem(delivery) };
}

function ownWhatsAppMessage(ctx: SimulatorContext, messageId: string): { message: ChatMessage; contact: Contact } {
	const message = ctx.journal.messages.get(messageId);
	if (!message || message.channel !== 'whatsapp') throw new ActionRefused(`no WhatsApp message ${messageId}`);
	if (message.direction !== 'in' || message.payload.kind === 'marketingPreference') throw new ActionRefused('the contact can only change messages they sent');
	if (message.revoked) throw new ActionRefused('the message was deleted');
	return { message, contact: ctx.contacts.ensure('whatsapp', message.contactId) };
}
