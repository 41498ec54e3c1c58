import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { flowIdOf } from '../common/flowId';
import { graphOf, type OperationExecute } from '../common/run';

/** Get Preview URL: a link that shows the Flow in a browser. */
export const description: INodeProperties[] = [
	{
		displayName: 'Invalidate Previous Preview',
		name: 'invalidatePreview',
		type: 'boolean',
		default: false,
		description: 'Whether to make earlier preview links stop working',
		displayOptions: { show: { operation: ['preview'] } },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const invalidate = this.getNodeParameter('invalidatePreview', itemIndex, false) as boolean;
	const id = flowIdOf(this, itemIndex);
	const result = await graphOf(this, run).request<{ preview?: IDataObject }>({
		method: 'GET',
		path: `/${id}`,
		qs: { fields: `preview.invalidate(${invalidate})` },
		itemIndex,
	});
	return { id, ...(result.preview ?? {}) };
};
