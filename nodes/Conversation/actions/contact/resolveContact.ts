import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { canonicalWhatsAppId, notAWhatsAppId } from '../../../shared/identity';
import type { Channel } from '../../../shared/ingestion';
import { CHANNELS, contactFields, contactOf, type ContactRef } from '../../../shared/conversation/contact';

/** Node types whose output items carry the normalised contact fields. */
const CONTACT_SOURCE_TYPES = /\.chatflow(WhatsApp|Messenger|Instagram|Viber)Trigger$|\.chatflowConversation$/;

/**
 * The contact an item belongs to. `define`: the Channel / Account ID / Contact ID parameters.
 * `auto`: the item itself when it is a normalised inbound item, else the paired item of the
 * nearest chatflow trigger or Conversation node upstream (so a send node in between is fine),
 * else the contact this execution last waited for (`rememberContact`): item pairing does not
 * survive every path (e.g. a re-prompt loop back into the waiting node), the conversation does.
 */
export function resolveContact(ctx: IExecuteFunctions, itemIndex: number): ContactRef {
	const source = ctx.getNodeParameter('contactSource', itemIndex, 'auto') as string;
	if (source === 'define') {
		const channel = ctx.getNodeParameter('channel', itemIndex) as Channel;
		const contactId = String(ctx.getNodeParameter('contactId', itemIndex, '') ?? '').trim();
		if (!CHANNELS.includes(channel)) {
			throw new NodeOperationError(ctx.getNode(), `Channel: "${String(channel)}" is not one of ${CHANNELS.join(', ')}`, { itemIndex });
		}
		if (!contactId) throw new NodeOperationError(ctx.getNode(), 'Contact ID: required', { itemIndex });
		// A WhatsApp contact is keyed as its records are (phone digits, a BSUID as is); anything
		// else would key a conversation nobody's message can ever reach, so it is refused.
		const id = channel === 'whatsapp' ? canonicalWhatsAppId(contactId)?.id : contactId;
		if (id === undefined) throw new NodeOperationError(ctx.getNode(), `Contact ID: ${notAWhatsAppId(contactId)}`, { itemIndex });
		return { channel, accountId: String(ctx.getNodeParameter('accountId', itemIndex, '') ?? '').trim(), contactId: id };
	}
	const own = contactOf(ctx.getInputData()[itemIndex]?.json ?? {});
	if (own) return own;
	for (const parent of ctx.getParentNodes(ctx.getNode().name)) {
		if (parent.disabled || !CONTACT_SOURCE_TYPES.test(parent.type)) continue;
		const found = pairedJson(ctx, parent.name, itemIndex);
		const contact = found && contactOf(found);
		if (contact) return contact;
	}
	const remembered = contactOf((ctx.getContext('flow')[FLOW_CONTEXT_KEY] ?? {}) as IDataObject);
	if (remembered) return remembered;
	throw new NodeOperationError(
		ctx.getNode(),
		'Contact: could not find the contact of this item. Connect the node after a Chatflow trigger (keeping item pairing), or set "Contact" to "Define Below"',
		{ itemIndex },
	);
}

const FLOW_CONTEXT_KEY = 'chatflowConversationContact';

/** Remembers the contact this execution converses with (kept in the execution, across waits). */
export function rememberContact(ctx: IExecuteFunctions, contact: ContactRef): void {
	ctx.getContext('flow')[FLOW_CONTEXT_KEY] = { channel: contact.channel, accountId: contact.accountId, contact: contactFields(contact) };
}

function pairedJson(ctx: IExecuteFunctions, nodeName: string, itemIndex: number): IDataObject | undefined {
	try {
		const value = ctx.evaluateExpression(`{{ $(${JSON.stringify(nodeName)}).item.json }}`, itemIndex);
		return value && typeof value === 'object' ? (value as IDataObject) : undefined;
	} catch {
		// Not run in this execution, or no pairing back to it: try the next candidate.
		return undefined;
	}
}
