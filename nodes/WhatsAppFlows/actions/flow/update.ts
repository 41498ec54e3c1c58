import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { flowIdOf } from '../common/flowId';
import { CATEGORIES, graphOf, type OperationExecute } from '../common/run';

/** Update Metadata: name, categories, endpoint URI, connected application. */
export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { operation: ['update'] } },
		options: [
			{ displayName: 'Application ID', name: 'applicationId', type: 'string', default: '', description: 'Meta app connected to the Flow (its secret signs endpoint requests)' },
			{ displayName: 'Categories', name: 'categories', type: 'multiOptions', default: [], options: CATEGORIES },
			{ displayName: 'Endpoint URI', name: 'endpointUri', type: 'string', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		],
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as { name?: string; categories?: string[]; endpointUri?: string; applicationId?: string };
	const body: IDataObject = {};
	if (fields.name) body.name = fields.name;
	if (fields.categories?.length) body.categories = fields.categories;
	if (fields.endpointUri !== undefined) body.endpoint_uri = fields.endpointUri;
	if (fields.applicationId) body.application_id = fields.applicationId;
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Update Fields: choose at least one field to change', { itemIndex });
	}
	const id = flowIdOf(this, itemIndex);
	return { id, ...(await graphOf(this, run).request({ method: 'POST', path: `/${id}`, body, itemIndex })) };
};
