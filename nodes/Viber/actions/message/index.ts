import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import { contentFields } from '../common/contentFields';
import { keyboardFields } from '../common/keyboardFields';
import { messageOptionsField } from '../common/options';
import type { ViberRun } from '../common/run';
import * as broadcast from './broadcast';
import * as send from './send';

export const operations: Record<string, OperationExecute<ViberRun>> = { send: send.execute, broadcast: broadcast.execute };

export const description: INodeProperties[] = [
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
	...send.description,
	...broadcast.description,
	...contentFields,
	...keyboardFields,
	messageOptionsField,
];
