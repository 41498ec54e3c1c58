import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import { buildReactionBody, sendToMeta, type MetaAccount } from '../../../shared/meta-messaging';

/** Message → React and Unreact: a heart on a message, or its removal. */
export const description: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID (mid) of the message to react to, as the Chatflow Instagram Trigger outputs it',
		displayOptions: { show: { resource: ['message'], operation: ['react', 'unreact'] } },
	},
];

function reaction(react: boolean): OperationExecute<MetaAccount> {
	return async function (account, itemIndex) {
		const recipient = this.getNodeParameter('recipientId', itemIndex) as string;
		const messageId = this.getNodeParameter('messageId', itemIndex) as string;
		return await sendToMeta(account, buildReactionBody(recipient, messageId, react), itemIndex);
	};
}

export const react = reaction(true);
export const unreact = reaction(false);
