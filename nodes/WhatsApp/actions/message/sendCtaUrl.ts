import type { INodeProperties } from 'n8n-workflow';

import { ctaUrlMessage } from '../../builders';
import { bodyFooterProperties, headerProperties } from '../common/descriptions';
import { interactiveFrame } from '../common/frame';
import { envelopeOptions, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { sendMessage } from '../common/send';

const resource = ['message'];
const operation = ['sendCtaUrl'];

export const description: INodeProperties[] = [
	...headerProperties(resource, operation),
	...bodyFooterProperties(resource, operation),
	{
		displayName: 'Button Text',
		name: 'displayText',
		type: 'string',
		default: '',
		required: true,
		description: '≤20 characters',
		displayOptions: { show: { resource, operation } },
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/offer',
		displayOptions: { show: { resource, operation } },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	return await sendMessage(this, run, itemIndex, () =>
		ctaUrlMessage(
			stringParam(this, 'to', itemIndex),
			{ ...interactiveFrame(this, itemIndex), displayText: stringParam(this, 'displayText', itemIndex), url: stringParam(this, 'url', itemIndex) },
			envelopeOptions(this, itemIndex),
		),
	);
};
