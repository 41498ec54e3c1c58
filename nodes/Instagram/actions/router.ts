import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeItemsConcurrently } from '../../shared/concurrency';
import { MessageFieldError } from '../../shared/fields';
import {
	buildMessage,
	buildReactionBody,
	buildSendBody,
	buildSenderActionBody,
	openMetaAccount,
	refreshInstagramToken,
	sendToMeta,
	type SenderAction,
} from '../../shared/meta-messaging';
import { readDelivery, readMetaContent } from '../../Messenger/actions/readMetaContent';
import { describeMetaError } from '../../Messenger/actions/router';
import { readRunOptions } from '../../Messenger/actions/runOptions';

/** Instagram's Send API allows about 100 calls per second per account for text and templates. */
export const INSTAGRAM_DEFAULT_RATE = 80;

export async function executeInstagram(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = readRunOptions(this, INSTAGRAM_DEFAULT_RATE);
	const account = await openMetaAccount(this, 'instagram', run);
	const output = await executeItemsConcurrently(
		this,
		async (i) => {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const recipient = () => this.getNodeParameter('recipientId', i) as string;
			switch (`${resource}:${operation}`) {
				case 'message:send': {
					const { content, quickReplies } = readMetaContent(this, i, 'instagram');
					const body = buildSendBody('instagram', recipient(), buildMessage('instagram', content, quickReplies), readDelivery(this, i));
					return await sendToMeta(account, body, i);
				}
				case 'message:senderAction':
					return await sendToMeta(account, buildSenderActionBody(recipient(), this.getNodeParameter('senderAction', i) as SenderAction), i);
				case 'message:react':
				case 'message:unreact':
					return await sendToMeta(account, buildReactionBody(recipient(), this.getNodeParameter('messageId', i) as string, operation === 'react'), i);
				case 'account:refreshToken': {
					const { accessToken } = await this.getCredentials<{ accessToken: string }>('chatflowInstagramApi', i);
					return await refreshInstagramToken(account, accessToken, this.getNodeParameter('includeToken', i, false) as boolean, i);
				}
				default:
					throw new MessageFieldError('operation', `unknown operation "${operation}" for resource "${resource}"`);
			}
		},
		{ concurrency: run.concurrency, describeError: describeMetaError },
	);
	return [output];
}
