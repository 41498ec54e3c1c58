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
			{ name: 'Webhook', value: 'webhook' },
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
			{
				name: 'Broadcast',
				value: 'broadcast',
				description: 'Send one message to up to 300 subscribers in one request',
				action: 'Broadcast a message',
			},
			{ name: 'Send', value: 'send', description: 'Send a message to one user', action: 'Send a message' },
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
				name: 'Get Info',
				value: 'getInfo',
				description: "Get the bot's name, URI, webhook and event types",
				action: 'Get account info',
			},
			{
				name: 'Get User Details',
				value: 'getUserDetails',
				description: "Get a subscriber's name, language, country and device",
				action: 'Get user details',
			},
		],
		default: 'getInfo',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{ name: 'Remove', value: 'remove', description: "Remove the bot's webhook", action: 'Remove the webhook' },
			{ name: 'Set', value: 'set', description: "Set the bot's webhook URL and events", action: 'Set the webhook' },
		],
		default: 'set',
	},
];
