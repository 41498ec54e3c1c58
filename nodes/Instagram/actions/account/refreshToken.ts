import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import { refreshInstagramToken, type MetaAccount } from '../../../shared/meta-messaging';

const show = { resource: ['account'], operation: ['refreshToken'] };

/** Account → Refresh Token: another 60 days for an Instagram Login token. */
export const description: INodeProperties[] = [
	{
		displayName:
			'The refreshed token is valid for 60 days; a token must be at least a day old to be refreshed. When the output says tokenChanged, Meta issued a new token: store it in the credential.',
		name: 'refreshNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Include New Token in Output',
		name: 'includeToken',
		type: 'boolean',
		default: false,
		description:
			'Whether the output carries the new access token (to store it in a secret store). It then becomes visible in the execution data; leave off unless a later node needs it.',
		displayOptions: { show },
	},
];

export const execute: OperationExecute<MetaAccount> = async function (account, itemIndex) {
	const { accessToken } = await this.getCredentials<{ accessToken: string }>('chatflowInstagramApi', itemIndex);
	return await refreshInstagramToken(account, accessToken, this.getNodeParameter('includeToken', itemIndex, false) as boolean, itemIndex);
};
