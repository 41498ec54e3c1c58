import type { INodeProperties } from 'n8n-workflow';

import { senderPhoneNumberId, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { uploadBinary } from '../common/upload';

export const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to upload',
		displayOptions: { show: { resource: ['media'], operation: ['upload'] } },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const phoneNumberId = senderPhoneNumberId(this, run, itemIndex);
	const uploaded = await uploadBinary(this, run, itemIndex, phoneNumberId, stringParam(this, 'binaryPropertyName', itemIndex, 'data'));
	return { mediaId: uploaded.id, fileName: uploaded.fileName, mimeType: uploaded.mimeType, phoneNumberId };
};
