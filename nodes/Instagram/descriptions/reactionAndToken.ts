import type { INodeProperties } from 'n8n-workflow';

export const reactionAndTokenFields: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID (mid) of the message to react to, as the Chatflow Instagram Trigger outputs it',
		displayOptions: { show: { resource: ['message'], operation: ['react', 'unreact'] } },
	},
	{
		displayName:
			'The refreshed token is valid for 60 days; a token must be at least a day old to be refreshed. When the output says tokenChanged, Meta issued a new token: store it in the credential.',
		name: 'refreshNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['account'], operation: ['refreshToken'] } },
	},
	{
		displayName: 'Include New Token in Output',
		name: 'includeToken',
		type: 'boolean',
		default: false,
		description:
			'Whether the output carries the new access token (to store it in a secret store). It then becomes visible in the execution data; leave off unless a later node needs it.',
		displayOptions: { show: { resource: ['account'], operation: ['refreshToken'] } },
	},
];
