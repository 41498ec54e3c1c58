import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { buttonsMessage } from '../../builders';
import { bodyFooterProperties, headerProperties } from '../common/descriptions';
import { interactiveFrame } from '../common/frame';
import { envelopeOptions, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { sendMessage } from '../common/send';

const resource = ['message'];
const operation = ['sendButtons'];

export const description: INodeProperties[] = [
	...headerProperties(resource, operation),
	...bodyFooterProperties(resource, operation),
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Button' },
		default: {},
		description: 'Up to 3 reply buttons; the tapped one comes back as interactive.button_reply {ID, title}',
		displayOptions: { show: { resource, operation } },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{ displayName: 'ID', name: 'id', type: 'string', default: '', required: true, description: 'Returned when tapped (≤256 characters, unique)' },
					{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, description: 'Button label (≤20 characters, unique)' },
				],
			},
		],
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const buttons = ((this.getNodeParameter('buttons', itemIndex, {}) as IDataObject).button ?? []) as Array<{ id: string; title: string }>;
	return await sendMessage(this, run, itemIndex, () =>
		buttonsMessage(stringParam(this, 'to', itemIndex), { ...interactiveFrame(this, itemIndex), buttons }, envelopeOptions(this, itemIndex)),
	);
};
