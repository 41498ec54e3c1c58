import type { IDataObject } from 'n8n-workflow';

import { requireText } from '../fields';
import type { MultipartFile } from '../http';
import type { MetaAccount } from './account';

/**
 * Sends a prepared body through the account's Send API. Sends are not idempotent: the Graph
 * transport retries only what Meta refused (rate limits, 1200, 2) or what never left.
 * The output has the WhatsApp node's keys (`messageId`, `recipientId`, `response`).
 */
export async function sendToMeta(account: MetaAccount, body: IDataObject, itemIndex: number): Promise<IDataObject> {
	const response = await account.graph.request<IDataObject>({
		method: 'POST',
		path: account.messagesPath,
		body,
		limiter: account.limiter,
		itemIndex,
		idempotent: false,
	});
	const recipient = body.recipient as IDataObject;
	const output: IDataObject = {
		channel: account.channel,
		messageId: response.message_id,
		recipientId: response.recipient_id ?? recipient.id,
	};
	if (body.sender_action) output.senderAction = body.sender_action;
	// A media message sent by URL with is_reusable answers with an id to send it again.
	if (response.attachment_id) output.attachmentId = response.attachment_id;
	output.response = response;
	return output;
}

export type UploadType = 'image' | 'audio' | 'video' | 'file';

export interface UploadFile {
	type: UploadType;
	/** The bytes, or a stream of them from n8n's binary store. */
	data: MultipartFile['data'];
	fileName: string;
	mimeType: string;
}

/**
 * Messenger's attachment upload API: `POST /{page}/message_attachments` (multipart `message` +
 * `filedata`), reusable; the id can be sent to any user of the page. Uploading twice only costs
 * a second copy, so a lost answer may be retried.
 */
export async function uploadMessengerAttachment(account: MetaAccount, file: UploadFile, itemIndex: number): Promise<IDataObject> {
	const response = await account.graph.request<IDataObject>({
		method: 'POST',
		path: account.path(`/${encodeURIComponent(account.accountId)}/message_attachments`),
		multipart: {
			fields: { message: JSON.stringify({ attachment: { type: file.type, payload: { is_reusable: true } } }) },
			files: [{ field: 'filedata', data: file.data, fileName: file.fileName, mimeType: file.mimeType }],
		},
		limiter: account.limiter,
		itemIndex,
		idempotent: true,
	});
	return { attachmentId: requireText('attachment_id', response.attachment_id), type: file.type, fileName: file.fileName, response };
}
