import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationModule } from '../../actions';
import type { MetaAccount } from '../account';
import { buildMessage } from '../content';
import { messageFields } from '../descriptions/messageFields';
import { deliveryFields } from '../descriptions/deliveryFields';
import { buildSendBody } from '../envelope';
import { readDelivery, readMetaContent } from '../readContent';
import { sendToMeta } from '../send';
import type { UploadType } from '../send';
import type { MetaChannel } from '../types';

/** Uploads an item's binary file and answers with its reusable attachment id (Messenger only). */
export type BinaryUpload = (ctx: IExecuteFunctions, account: MetaAccount, itemIndex: number, type: UploadType, binaryPropertyName: string) => Promise<IDataObject>;

/**
 * Message → Send: text, media, templates and quick replies through the Send API. A media message
 * from a binary file (Messenger) is checked in full before the file is uploaded, so a bad field
 * never costs an upload; the output then names the attachment id for reuse.
 */
export function sendOperation(channel: MetaChannel, uploadBinary?: BinaryUpload): OperationModule<MetaAccount> {
	return {
		description: [...messageFields(channel), ...deliveryFields(channel)],
		async execute(account, itemIndex) {
			const read = readMetaContent(this, itemIndex, channel);
			let uploaded: IDataObject | undefined;
			if (read.binaryPropertyName !== undefined && read.content.kind === 'attachment' && uploadBinary) {
				buildMessage(channel, { ...read.content, source: { attachmentId: 'pending' } }, read.quickReplies);
				uploaded = await uploadBinary(this, account, itemIndex, read.content.type, read.binaryPropertyName);
				read.content = { ...read.content, source: { attachmentId: String(uploaded.attachmentId) } };
			}
			const recipient = this.getNodeParameter('recipientId', itemIndex) as string;
			const body = buildSendBody(channel, recipient, buildMessage(channel, read.content, read.quickReplies), readDelivery(this, itemIndex));
			const sent = await sendToMeta(account, body, itemIndex);
			return uploaded ? { ...sent, attachmentId: uploaded.attachmentId } : sent;
		},
	};
}
