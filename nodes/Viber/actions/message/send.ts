import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import { sendViberMessage } from '../../../shared/viber';
import { readViberContent, readViberEnvelope } from '../common/readMessage';
import type { ViberRun } from '../common/run';

/** Message → Send: one message of any type to one subscriber. */
export const description: INodeProperties[] = [
	{
		displayName: 'Receiver ID',
		name: 'receiver',
		type: 'string',
		required: true,
		default: '',
		placeholder: '01234567890A=',
		description: "The subscriber's Viber user ID, as the Chatflow Viber Trigger outputs it",
		displayOptions: { show: { resource: ['message'], operation: ['send'] } },
	},
];

export const execute: OperationExecute<ViberRun> = async function ({ viber, limiter }, itemIndex) {
	const receiver = this.getNodeParameter('receiver', itemIndex) as string;
	return await sendViberMessage(viber, receiver, readViberEnvelope(this, itemIndex, viber.sender), readViberContent(this, itemIndex), { itemIndex, limiter });
};
