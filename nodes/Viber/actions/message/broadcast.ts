import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import { broadcastViberMessage } from '../../../shared/viber';
import { readReceivers, readViberContent, readViberEnvelope } from '../common/readMessage';
import type { ViberRun } from '../common/run';

/** Message → Broadcast: one message to up to 300 subscribers in one request. */
export const description: INodeProperties[] = [
	{
		displayName: 'Receiver IDs',
		name: 'receivers',
		type: 'string',
		required: true,
		default: '',
		description: 'Up to 300 subscriber IDs, separated by commas or new lines, or an expression that returns a list',
		displayOptions: { show: { resource: ['message'], operation: ['broadcast'] } },
	},
];

export const execute: OperationExecute<ViberRun> = async function ({ viber, limiter }, itemIndex) {
	const envelope = readViberEnvelope(this, itemIndex, viber.sender);
	return await broadcastViberMessage(viber, readReceivers(this, itemIndex), envelope, readViberContent(this, itemIndex), { itemIndex, limiter });
};
