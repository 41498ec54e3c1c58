import type { INodeProperties } from 'n8n-workflow';

const upload = (extra: Record<string, string[]> = {}) => ({ show: { resource: ['attachment'], operation: ['upload'], ...extra } });

export const uploadFields: INodeProperties[] = [
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
		displayOptions: upload(),
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
		displayOptions: upload(),
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'The binary field of the input item that holds the file (at most 25 MB)',
		displayOptions: upload({ uploadSource: ['binary'] }),
	},
	{
		displayName: 'File URL',
		name: 'uploadUrl',
		type: 'string',
		required: true,
		default: '',
		description: 'A public URL Meta downloads once and keeps',
		displayOptions: upload({ uploadSource: ['url'] }),
	},
];
