import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdProperty } from '../common/descriptions';
import type { OperationExecute } from '../common/run';
import * as remove from './delete';
import * as download from './download';
import * as getUrl from './getUrl';
import * as upload from './upload';

export const operations: Record<string, OperationExecute> = {
	upload: upload.execute,
	getUrl: getUrl.execute,
	download: download.execute,
	delete: remove.execute,
};

const resource = ['media'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		default: 'download',
		options: [
			{ name: 'Delete', value: 'delete', action: 'Delete media' },
			{ name: 'Download', value: 'download', action: 'Download media', description: 'Into a binary field of the output item' },
			{ name: 'Get URL', value: 'getUrl', action: 'Get a media URL', description: 'URL, MIME type, SHA-256 and size' },
			{ name: 'Upload', value: 'upload', action: 'Upload media', description: 'From a binary field; returns the media ID' },
		],
	},
	phoneNumberIdProperty(resource, ['upload']),
	...upload.description,
	...getUrl.description,
	...download.description,
	...remove.description,
];
