import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { flowIdOf } from '../common/flowId';
import { graphOf, type OperationExecute } from '../common/run';

const show = { operation: ['metrics'] };

/** Get Metrics: the endpoint's request counts, errors, latency and availability. */
export const description: INodeProperties[] = [
	{
		displayName: 'Metric',
		name: 'metricName',
		type: 'options',
		default: 'ENDPOINT_REQUEST_COUNT',
		options: [
			{ name: 'Endpoint Availability', value: 'ENDPOINT_AVAILABILITY' },
			{ name: 'Endpoint Request Count', value: 'ENDPOINT_REQUEST_COUNT' },
			{ name: 'Endpoint Request Error', value: 'ENDPOINT_REQUEST_ERROR' },
			{ name: 'Endpoint Request Error Rate', value: 'ENDPOINT_REQUEST_ERROR_RATE' },
			{ name: 'Endpoint Request Latency (Seconds)', value: 'ENDPOINT_REQUEST_LATENCY_SECONDS_CEIL' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		default: 'DAY',
		options: [
			{ name: 'Day', value: 'DAY' },
			{ name: 'Hour', value: 'HOUR' },
			{ name: 'Lifetime', value: 'LIFETIME' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Range',
		name: 'metricRange',
		type: 'collection',
		placeholder: 'Add Limit',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Since', name: 'since', type: 'dateTime', default: '' },
			{ displayName: 'Until', name: 'until', type: 'dateTime', default: '' },
		],
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const id = flowIdOf(this, itemIndex);
	const metric = this.getNodeParameter('metricName', itemIndex) as string;
	const granularity = this.getNodeParameter('granularity', itemIndex, 'DAY') as string;
	const range = this.getNodeParameter('metricRange', itemIndex, {}) as { since?: string; until?: string };
	const day = (value: string | undefined, field: string) => {
		if (!value) return '';
		const date = new Date(value);
		if (Number.isNaN(date.getTime())) throw new NodeOperationError(this.getNode(), `${field}: "${value}" is not a date`, { itemIndex });
		return `.${field.toLowerCase()}(${date.toISOString().slice(0, 10)})`;
	};
	const field = `metric.name(${metric}).granularity(${granularity})${day(range.since, 'Since')}${day(range.until, 'Until')}`;
	const result = await graphOf(this, run).request<{ metric?: IDataObject }>({ method: 'GET', path: `/${id}`, qs: { fields: field }, itemIndex });
	return { id, ...(result.metric ?? {}) };
};
