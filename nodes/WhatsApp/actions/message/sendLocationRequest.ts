import type { INodeProperties } from 'n8n-workflow';

import { locationRequestMessage } from '../../builders';
import { envelopeOptions, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { sendMessage } from '../common/send';

const show = { resource: ['message'], operation: ['sendLocationRequest'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Please share your location',
		required: true,
		description: 'Shown above the "Send location" button (≤1,024 characters)',
		displayOptions: { show },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	return await sendMessage(this, run, itemIndex, () =>
		locationRequestMessage(stringParam(this, 'to', itemIndex), stringParam(this, 'body', itemIndex), envelopeOptions(this, itemIndex)),
	);
};
