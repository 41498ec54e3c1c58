import type { INodeProperties } from 'n8n-workflow';

import { reactionMessage } from '../../builders';
import { stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { sendMessage } from '../common/send';

const show = { resource: ['message'], operation: ['sendReaction'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'reactToMessageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'wamid.HBgL...',
		description: 'The message to react to (e.g. the incoming message ID from a trigger)',
		displayOptions: { show },
	},
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '👍',
		description: 'One emoji; leave empty to remove an earlier reaction',
		displayOptions: { show },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	return await sendMessage(this, run, itemIndex, () =>
		reactionMessage(stringParam(this, 'to', itemIndex), stringParam(this, 'reactToMessageId', itemIndex), stringParam(this, 'emoji', itemIndex)),
	);
};
