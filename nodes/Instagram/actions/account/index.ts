import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import type { MetaAccount } from '../../../shared/meta-messaging';
import * as refreshToken from './refreshToken';

export const operations: Record<string, OperationExecute<MetaAccount>> = { refreshToken: refreshToken.execute };

export const description: INodeProperties[] = [
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
	...refreshToken.description,
];
