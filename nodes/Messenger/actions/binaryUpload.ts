import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MessageFieldError, requireText, url } from '../../shared/fields';
import { META_LIMITS, uploadMessengerAttachment, type MetaAccount, type UploadType } from '../../shared/meta-messaging';

/** Uploads the item's binary file to Messenger's attachment API (reusable), checking its size first. */
export async function uploadBinary(ctx: IExecuteFunctions, account: MetaAccount, i: number, type: UploadType, property: string): Promise<IDataObject> {
	const name = requireText('binaryPropertyName', property).trim();
	const binary = ctx.helpers.assertBinaryData(i, name);
	const data = await ctx.helpers.getBinaryDataBuffer(i, name);
	if (data.length > META_LIMITS.uploadBytes) {
		throw new MessageFieldError(name, `the file is ${data.length} bytes; Messenger accepts at most ${META_LIMITS.uploadBytes} (25 MB)`);
	}
	return await uploadMessengerAttachment(
		account,
		{ type, data, fileName: binary.fileName ?? `${type}.${binary.fileExtension ?? 'bin'}`, mimeType: binary.mimeType },
		i,
	);
}

/** Saves a URL as a reusable attachment (no bytes pass through n8n). */
export async function uploadFromUrl(account: MetaAccount, i: number, type: UploadType, source: string): Promise<IDataObject> {
	const response = await account.graph.request<IDataObject>({
		method: 'POST',
		path: account.path(`/${encodeURIComponent(account.accountId)}/message_attachments`),
		body: { message: { attachment: { type, payload: { url: url('url', source), is_reusable: true } } } },
		limiter: account.limiter,
		itemIndex: i,
		idempotent: true,
	});
	return { attachmentId: requireText('attachment_id', response.attachment_id), type, response };
}
