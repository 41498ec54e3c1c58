import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { binaryFileOf, type OperationExecute } from '../../../shared/actions';
import { MessageFieldError, requireText, url } from '../../../shared/fields';
import { META_LIMITS, uploadMessengerAttachment, type MetaAccount, type UploadType } from '../../../shared/meta-messaging';

const show = (extra: Record<string, string[]> = {}) => ({ show: { resource: ['attachment'], operation: ['upload'], ...extra } });

/** Attachment → Upload: a file saved once on Messenger, sent to anyone by its attachment id. */
export const description: INodeProperties[] = [
	{
		displayName: 'Attachment Type',
		name: 'uploadType',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'File', value: 'file' },
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
		],
		default: 'image',
		displayOptions: show(),
	},
	{
		displayName: 'Source',
		name: 'uploadSource',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary' },
			{ name: 'URL', value: 'url' },
		],
		default: 'binary',
		displayOptions: show(),
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'The binary field of the input item that holds the file (at most 25 MB)',
		displayOptions: show({ uploadSource: ['binary'] }),
	},
	{
		displayName: 'File URL',
		name: 'uploadUrl',
		type: 'string',
		required: true,
		default: '',
		description: 'A public URL Meta downloads once and keeps',
		displayOptions: show({ uploadSource: ['url'] }),
	},
];

export const execute: OperationExecute<MetaAccount> = async function (account, itemIndex) {
	const type = this.getNodeParameter('uploadType', itemIndex) as UploadType;
	return this.getNodeParameter('uploadSource', itemIndex) === 'url'
		? await uploadFromUrl(account, itemIndex, type, this.getNodeParameter('uploadUrl', itemIndex) as string)
		: await uploadBinary(this, account, itemIndex, type, this.getNodeParameter('binaryPropertyName', itemIndex) as string);
};

/** Uploads the item's binary file to Messenger's attachment API (reusable), checking its size first. */
export async function uploadBinary(ctx: IExecuteFunctions, account: MetaAccount, i: number, type: UploadType, property: string): Promise<IDataObject> {
	const name = requireText('binaryPropertyName', property).trim();
	const { binary, size, data } = await binaryFileOf(ctx, i, name);
	if (size > META_LIMITS.uploadBytes) {
		throw new MessageFieldError(name, `the file is ${size} bytes; Messenger accepts at most ${META_LIMITS.uploadBytes} (25 MB)`);
	}
	return await uploadMessengerAttachment(
		account,
		{ type, data, fileName: binary.fileName ?? `${type}.${binary.fileExtension ?? 'bin'}`, mimeType: binary.mimeType },
		i,
	);
}

/** Saves a URL as a reusable attachment (no bytes pass through n8n). */
async function uploadFromUrl(account: MetaAccount, i: number, type: UploadType, source: string): Promise<IDataObject> {
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
