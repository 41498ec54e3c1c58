import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeItemsConcurrently } from '../../shared/concurrency';
import { describeGraphError } from '../../shared/graph';
import { MessageFieldError } from '../../shared/fields';
import {
	buildMessage,
	buildSendBody,
	buildSenderActionBody,
	openMetaAccount,
	sendToMeta,
	type SenderAction,
	type UploadType,
} from '../../shared/meta-messaging';
import { uploadBinary, uploadFromUrl } from './binaryUpload';
import { readDelivery, readMetaContent } from './readMetaContent';
import { readRunOptions } from './runOptions';

/** Messenger allows 300 Send API calls per second per page; stay below it by default. */
export const MESSENGER_DEFAULT_RATE = 250;

export async function executeMessenger(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = readRunOptions(this, MESSENGER_DEFAULT_RATE);
	const account = await openMetaAccount(this, 'messenger', run);
	const output = await executeItemsConcurrently(
		this,
		async (i) => {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			switch (`${resource}:${operation}`) {
				case 'message:send': {
					const read = readMetaContent(this, i, 'messenger');
					let uploaded: IDataObject | undefined;
					if (read.binaryPropertyName !== undefined && read.content.kind === 'attachment') {
						// Validate everything else before spending an upload on it.
						buildMessage('messenger', { ...read.content, source: { attachmentId: 'pending' } }, read.quickReplies);
						uploaded = await uploadBinary(this, account, i, read.content.type, read.binaryPropertyName);
						read.content = { ...read.content, source: { attachmentId: String(uploaded.attachmentId) } };
					}
					const recipient = this.getNodeParameter('recipientId', i) as string;
					const body = buildSendBody('messenger', recipient, buildMessage('messenger', read.content, read.quickReplies), readDelivery(this, i));
					const sent = await sendToMeta(account, body, i);
					return uploaded ? { ...sent, attachmentId: uploaded.attachmentId } : sent;
				}
				case 'message:senderAction':
					return await sendToMeta(
						account,
						buildSenderActionBody(this.getNodeParameter('recipientId', i) as string, this.getNodeParameter('senderAction', i) as SenderAction),
						i,
					);
				case 'attachment:upload': {
					const type = this.getNodeParameter('uploadType', i) as UploadType;
					return this.getNodeParameter('uploadSource', i) === 'url'
						? await uploadFromUrl(account, i, type, this.getNodeParameter('uploadUrl', i) as string)
						: await uploadBinary(this, account, i, type, this.getNodeParameter('binaryPropertyName', i) as string);
				}
				default:
					throw new MessageFieldError('operation', `unknown operation "${operation}" for resource "${resource}"`);
			}
		},
		{ concurrency: run.concurrency, describeError: describeMetaError },
	);
	return [output];
}

/** Extra fields of a failed item under "Continue On Fail": the field at fault or Meta's codes. */
export function describeMetaError(error: unknown): IDataObject {
	if (error instanceof MessageFieldError) return { field: error.field };
	return describeGraphError(error);
}
