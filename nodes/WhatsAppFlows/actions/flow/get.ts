import type { INodeProperties } from 'n8n-workflow';

import { flowIdOf } from '../common/flowId';
import { graphOf, type OperationExecute } from '../common/run';

export const FLOW_FIELDS = 'id,name,categories,preview,status,validation_errors,json_version,data_api_version,endpoint_uri,health_status';

/** Get: a Flow's status, validation errors and health. */
export const description: INodeProperties[] = [
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: FLOW_FIELDS,
		description: 'Comma-separated Flow fields to read',
		displayOptions: { show: { operation: ['get'] } },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const fields = (this.getNodeParameter('fields', itemIndex, FLOW_FIELDS) as string) || FLOW_FIELDS;
	return await graphOf(this, run).request({ method: 'GET', path: `/${flowIdOf(this, itemIndex)}`, qs: { fields }, itemIndex });
};
