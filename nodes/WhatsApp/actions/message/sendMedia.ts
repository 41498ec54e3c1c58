import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mediaMessage, type MediaSource, type MediaType } from '../../builders';
import { uploadBinary } from '../common/upload';
import { envelopeOptions, senderPhoneNumberId, stringParam } from '../common/parameters';
import type { OperationExecute, WhatsAppRun } from '../common/run';
import { sendMessage } from '../common/send';

const show = { resource: ['message'], operation: ['sendMedia'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		default: 'image',
		displayOptions: { show },
		options: [
			{ name: 'Audio', value: 'audio', description: 'AAC, MP3, MP4 audio, AMR or OGG (opus), up to 16 MB' },
			{ name: 'Document', value: 'document', description: 'Any file, up to 100 MB' },
			{ name: 'Image', value: 'image', description: 'JPEG or PNG, up to 5 MB' },
			{ name: 'Sticker', value: 'sticker', description: 'WebP: 100 KB static, 500 KB animated' },
			{ name: 'Video', value: 'video', description: 'MP4 or 3GP, up to 16 MB' },
		],
	},
	{
		displayName: 'Source',
		name: 'mediaSource',
		type: 'options',
		default: 'link',
		displayOptions: { show },
		options: [
			{ name: 'Link', value: 'link', description: 'A public https URL WhatsApp downloads' },
			{ name: 'Media ID', value: 'id', description: 'The ID of media uploaded before' },
			{ name: 'Binary File', value: 'binary', description: 'Upload a binary property of the input item first' },
		],
	},
	{
		displayName: 'Link',
		name: 'mediaLink',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/photo.jpg',
		displayOptions: { show: { ...show, mediaSource: ['link'] } },
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show, mediaSource: ['id'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to send',
		displayOptions: { show: { ...show, mediaSource: ['binary'] } },
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		description: 'At most 1,024 characters',
		displayOptions: { show: { ...show, mediaType: ['image', 'video', 'document'] } },
	},
	{
		displayName: 'File Name',
		name: 'filename',
		type: 'string',
		default: '',
		description: 'Shown to the recipient; defaults to the binary file name when uploading',
		displayOptions: { show: { ...show, mediaType: ['document'] } },
	},
];

async function mediaSource(ctx: IExecuteFunctions, run: WhatsAppRun, itemIndex: number, type: MediaType): Promise<MediaSource> {
	const caption = type === 'audio' || type === 'sticker' ? undefined : stringParam(ctx, 'caption', itemIndex);
	let filename = type === 'document' ? stringParam(ctx, 'filename', itemIndex) : undefined;
	const source = stringParam(ctx, 'mediaSource', itemIndex, 'link');
	if (source === 'link') return { link: stringParam(ctx, 'mediaLink', itemIndex), caption, filename };
	if (source === 'id') return { id: stringParam(ctx, 'mediaId', itemIndex), caption, filename };
	const phoneNumberId = senderPhoneNumberId(ctx, run, itemIndex);
	const uploaded = await uploadBinary(ctx, run, itemIndex, phoneNumberId, stringParam(ctx, 'binaryPropertyName', itemIndex, 'data'));
	if (type === 'document' && !filename) filename = uploaded.fileName;
	return { id: uploaded.id, caption, filename };
}

export const execute: OperationExecute = async function (run, itemIndex) {
	const type = stringParam(this, 'mediaType', itemIndex, 'image') as MediaType;
	const source = await mediaSource(this, run, itemIndex, type);
	return await sendMessage(this, run, itemIndex, () =>
		mediaMessage(stringParam(this, 'to', itemIndex), type, source, envelopeOptions(this, itemIndex)),
	);
};
