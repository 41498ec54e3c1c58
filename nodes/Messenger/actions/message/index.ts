import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import { recipientField, type MetaAccount } from '../../../shared/meta-messaging';
import * as send from './send';
import * as senderAction from './senderAction';

export const operations: Record<string, OperationExecute<MetaAccount>> = { send: send.execute, senderAction: senderAction.execute };

export const description: INodeProperties[] = [
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
	recipientField('messenger'),
	...send.description,
	...senderAction.description,
];
