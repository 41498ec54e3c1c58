import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../actions';
import type { MetaAccount } from '../account';
import { buildSenderActionBody } from '../envelope';
import { sendToMeta } from '../send';
import type { SenderAction } from '../types';

/** Message → Send Sender Action: typing on/off or mark seen, the same on Messenger and Instagram. */
export const description: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'senderAction',
		type: 'options',
		options: [
			{ name: 'Mark Seen', value: 'mark_seen', description: 'Show the last message as read' },
			{ name: 'Typing Off', value: 'typing_off' },
			{ name: 'Typing On', value: 'typing_on', description: 'Show the typing bubble (about 20 seconds or until the next message)' },
		],
		default: 'typing_on',
		displayOptions: { show: { resource: ['message'], operation: ['senderAction'] } },
	},
];

export const execute: OperationExecute<MetaAccount> = async function (account, itemIndex) {
	const recipient = this.getNodeParameter('recipientId', itemIndex) as string;
	const action = this.getNodeParameter('senderAction', itemIndex) as SenderAction;
	return await sendToMeta(account, buildSenderActionBody(recipient, action), itemIndex);
};
