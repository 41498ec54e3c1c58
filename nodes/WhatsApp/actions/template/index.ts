import type { INodeProperties } from 'n8n-workflow';

import { messageOptionsProperty, phoneNumberIdProperty, recipientProperty } from '../common/descriptions';
import type { OperationExecute } from '../common/run';
import * as create from './create';
import * as remove from './delete';
import * as get from './get';
import * as list from './list';
import * as send from './send';

export const operations: Record<string, OperationExecute> = {
	send: send.execute,
	list: list.execute,
	get: get.execute,
	create: create.execute,
	delete: remove.execute,
};

const resource = ['template'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		default: 'send',
		options: [
			{ name: 'Create', value: 'create', action: 'Create a template', description: 'Submit a new template for review' },
			{ name: 'Delete', value: 'delete', action: 'Delete a template' },
			{ name: 'Get', value: 'get', action: 'Get a template' },
			{ name: 'Get Many', value: 'list', action: 'Get many templates' },
			{ name: 'Send', value: 'send', action: 'Send a template', description: 'The only message allowed outside the 24-hour window' },
		],
	},
	phoneNumberIdProperty(resource, ['send']),
	recipientProperty(resource, ['send']),
	...send.description,
	...list.description,
	...get.description,
	...create.description,
	...remove.description,
	messageOptionsProperty(resource, ['send']),
];
