import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import { getViberUserDetails } from '../../../shared/viber';
import type { ViberRun } from '../common/run';

/** Account → Get User Details: a subscriber's name, language, country and device. */
export const description: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		description: "The subscriber's Viber user ID, as the Chatflow Viber Trigger outputs it",
		displayOptions: { show: { resource: ['account'], operation: ['getUserDetails'] } },
	},
];

export const execute: OperationExecute<ViberRun> = async function ({ viber, limiter }, itemIndex) {
	return await getViberUserDetails(viber, this.getNodeParameter('userId', itemIndex) as string, { itemIndex, limiter });
};
