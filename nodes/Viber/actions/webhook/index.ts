import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import type { ViberRun } from '../common/run';
import * as remove from './remove';
import * as set from './set';

export const operations: Record<string, OperationExecute<ViberRun>> = { set: set.execute, remove: remove.execute };

export const description: INodeProperties[] = [
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
	...set.description,
	...remove.description,
];
