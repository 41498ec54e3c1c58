import type { INodeProperties } from 'n8n-workflow';

export const resourceAndOperations: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account' },
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
			{ name: 'React', value: 'react', description: 'React to a message with a heart', action: 'React to a message' },
			{ name: 'Send', value: 'send', description: 'Send a text, media, sticker, post or template message', action: 'Send a message' },
			{
				name: 'Send Sender Action',
				value: 'senderAction',
				description: 'Show typing or mark the conversation as seen',
				action: 'Send a sender action',
			},
			{ name: 'Unreact', value: 'unreact', description: 'Remove your reaction from a message', action: 'Remove a reaction' },
		],
		default: 'send',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Refresh Token',
				value: 'refreshToken',
				description: 'Extend the Instagram Login token by 60 days (Instagram Login route only)',
				action: 'Refresh the access token',
			},
		],
		default: 'refreshToken',
	},
];
