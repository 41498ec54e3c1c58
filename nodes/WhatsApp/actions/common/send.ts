import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { segment } from '../../../shared/graph';
import type { WhatsAppRun } from './run';
import { senderPhoneNumberId } from './parameters';

interface SendAnswer {
	messaging_product?: string;
	contacts?: Array<{ input?: string; wa_id?: string; user_id?: string }>;
	messages?: Array<{ id?: string; message_status?: string }>;
}

/** Where a message is posted: the Cloud API, or the Marketing Messages API (marketing templates). */
export type SendEndpoint = 'messages' | 'marketing_messages';

/**
 * POST /{phone_number_id}/messages (or /marketing_messages) under the account's rate limit. Output:
 * `{ channel, messageId, recipientId, to, type, phoneNumberId, messageStatus?, response }`: `to` is
 * the recipient as sent (phone digits, or the BSUID sent as `recipient`), `recipientId` the id
 * Meta answered with (its `wa_id`, else its `user_id`). With a State Store credential an item a
 * re-run of the execution already sent returns its first answer with `alreadySent: true`.
 */
export async function sendMessage(
	ctx: IExecuteFunctions,
	run: WhatsAppRun,
	itemIndex: number,
	build: () => Record<string, unknown>,
	endpoint: SendEndpoint = 'messages',
): Promise<IDataObject> {
	const phoneNumberId = senderPhoneNumberId(ctx, run, itemIndex);
	const body = build();
	const post = async () => await postMessage(ctx, run, itemIndex, phoneNumberId, body, endpoint);
	return run.sendOnce ? await run.sendOnce.send(itemIndex, post) : await post();
}

async function postMessage(
	ctx: IExecuteFunctions,
	run: WhatsAppRun,
	itemIndex: number,
	phoneNumberId: string,
	body: Record<string, unknown>,
	endpoint: SendEndpoint,
): Promise<IDataObject> {
	const response = await run.graph.request<SendAnswer>({
		method: 'POST',
		path: `/${segment(phoneNumberId)}/${endpoint}`,
		body: body as IDataObject,
		limiter: run.limiterFor(phoneNumberId),
		itemIndex,
	});
	const message = response.messages?.[0];
	const contact = response.contacts?.[0];
	if (!message?.id) {
		// Meta accepted the request (2xx) but the answer lacks the id: report, do not resend.
		throw new NodeApiError(ctx.getNode(), response as JsonObject, {
			message: 'WhatsApp accepted the request but its answer has no message id',
			description: `Answer: ${JSON.stringify(response).slice(0, 300)}. The message may have been sent; it was not repeated.`,
			itemIndex,
		});
	}
	// The same keys as the Messenger, Instagram and Viber nodes, so a flow can switch channel.
	const output: IDataObject = {
		channel: 'whatsapp',
		messageId: message.id,
		recipientId: contact?.wa_id ?? contact?.user_id ?? null,
		to: (body.to ?? body.recipient) as string,
		type: body.type as string,
		phoneNumberId,
	};
	if (message.message_status) output.messageStatus = message.message_status;
	if (endpoint !== 'messages') output.api = endpoint;
	output.response = response as IDataObject;
	return output;
}
