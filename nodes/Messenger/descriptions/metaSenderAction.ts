import type { INodeProperties } from 'n8n-workflow';

export const senderActionFields: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'senderAction',
		type: 'options',
		options: [
			{ name: 'Mark Seen', value: 'mark_seen', description: 'Show the last message as read' },
			{ name: 'Typing Off', value: 'typing_off' },
			{ name: 'Typing On', value: 'typing_on', description: 'Show the typing bubble (about 20 seconds or until the next message)' },
		],
		default: 'typing_on',
		displayOptions: { show: { resource: ['message'], operation: ['senderAction'] } },
	},
];
