import type { INodeProperties } from 'n8n-workflow';

import { textMessage } from '../../builders';
import { envelopeOptions, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { sendMessage } from '../common/send';

const show = { resource: ['message'], operation: ['sendText'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'At most 4,096 characters. WhatsApp formatting: *bold*, _italic_, ~strike~, ```mono```.',
		displayOptions: { show },
	},
	{
		displayName: 'Show Link Preview',
		name: 'previewUrl',
		type: 'boolean',
		default: false,
		description: 'Whether to render a preview of the first URL in the text',
		displayOptions: { show },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	return await sendMessage(this, run, itemIndex, () =>
		textMessage(
			stringParam(this, 'to', itemIndex),
			stringParam(this, 'text', itemIndex),
			this.getNodeParameter('previewUrl', itemIndex, false) as boolean,
			envelopeOptions(this, itemIndex),
		),
	);
};
