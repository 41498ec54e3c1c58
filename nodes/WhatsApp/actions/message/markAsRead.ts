import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { segment } from '../../../shared/graph';
import { markAsReadRequest } from '../../builders';
import { senderPhoneNumberId, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';

const show = { resource: ['message'], operation: ['markAsRead'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'readMessageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'wamid.HBgL...',
		description: 'The incoming message to mark as read (blue ticks); earlier messages are marked too',
		displayOptions: { show },
	},
	{
		displayName: 'Show Typing Indicator',
		name: 'typing',
		type: 'boolean',
		default: false,
		description: 'Whether to show "typing…" to the user until you reply or for up to 25 seconds',
		displayOptions: { show },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const phoneNumberId = senderPhoneNumberId(this, run, itemIndex);
	const body = markAsReadRequest(stringParam(this, 'readMessageId', itemIndex), this.getNodeParameter('typing', itemIndex, false) as boolean);
	const response = await run.graph.request({
		method: 'POST',
		path: `/${segment(phoneNumberId)}/messages`,
		body: body as IDataObject,
		limiter: run.limiterFor(phoneNumberId),
		// Marking as read twice is harmless: it may be repeated after a timeout.
		idempotent: true,
		itemIndex,
	});
	return { success: response.success === true, messageId: body.message_id as string, phoneNumberId, response };
};
