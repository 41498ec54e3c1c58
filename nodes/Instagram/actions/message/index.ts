import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import { recipientField, type MetaAccount } from '../../../shared/meta-messaging';
import * as reaction from './react';
import * as send from './send';
import * as senderAction from './senderAction';

export const operations: Record<string, OperationExecute<MetaAccount>> = {
	send: send.execute,
	senderAction: senderAction.execute,
	react: reaction.react,
	unreact: reaction.unreact,
};

export const description: INodeProperties[] = [
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
	recipientField('instagram'),
	...send.description,
	...senderAction.description,
	...reaction.description,
];
