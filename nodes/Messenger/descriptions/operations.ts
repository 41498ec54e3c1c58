import type { INodeProperties } from 'n8n-workflow';

export const resourceAndOperations: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Attachment', value: 'attachment' },
			{ name: 'Message', value: 'message' },
		],
		default: 'message',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Send', value: 'send', description: 'Send a text, media or template message', action: 'Send a message' },
			{
				name: 'Send Sender Action',
				value: 'senderAction',
				description: 'Show typing or mark the conversation as seen',
				action: 'Send a sender action',
			},
		],
		default: 'send',
	},
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
];
