import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import type { ViberRun } from '../common/run';
import * as getInfo from './getInfo';
import * as getUserDetails from './getUserDetails';

export const operations: Record<string, OperationExecute<ViberRun>> = { getInfo: getInfo.execute, getUserDetails: getUserDetails.execute };

export const description: INodeProperties[] = [
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
	...getInfo.description,
	...getUserDetails.description,
];
