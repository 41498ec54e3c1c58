import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import type { MetaAccount } from '../../../shared/meta-messaging';
import * as upload from './upload';

export const operations: Record<string, OperationExecute<MetaAccount>> = { upload: upload.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['attachment'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload a file once and get a reusable attachment ID',
				action: 'Upload an attachment',
			},
		],
		default: 'upload',
	},
	...upload.description,
];
