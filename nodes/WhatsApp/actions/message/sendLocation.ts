import type { INodeProperties } from 'n8n-workflow';

import { locationMessage } from '../../builders';
import { envelopeOptions, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { sendMessage } from '../common/send';

const show = { resource: ['message'], operation: ['sendLocation'] };

export const description: INodeProperties[] = [
	{ displayName: 'Latitude', name: 'latitude', type: 'number', typeOptions: { numberPrecision: 7 }, default: 0, required: true, displayOptions: { show } },
	{ displayName: 'Longitude', name: 'longitude', type: 'number', typeOptions: { numberPrecision: 7 }, default: 0, required: true, displayOptions: { show } },
	{ displayName: 'Name', name: 'locationName', type: 'string', default: '', description: 'Name of the place', displayOptions: { show } },
	{ displayName: 'Address', name: 'address', type: 'string', default: '', displayOptions: { show } },
];

export const execute: OperationExecute = async function (run, itemIndex) {
	return await sendMessage(this, run, itemIndex, () =>
		locationMessage(
			stringParam(this, 'to', itemIndex),
			{
				latitude: this.getNodeParameter('latitude', itemIndex),
				longitude: this.getNodeParameter('longitude', itemIndex),
				name: stringParam(this, 'locationName', itemIndex),
				address: stringParam(this, 'address', itemIndex),
			},
			envelopeOptions(this, itemIndex),
		),
	);
};
