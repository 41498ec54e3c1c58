import type { INodeProperties } from 'n8n-workflow';

import { flowIdOf } from '../common/flowId';
import { checkFlowJson, readFlowJson } from '../common/flowJsonInput';
import { graphOf, type OperationExecute } from '../common/run';

/** Upload Flow JSON: from a field or a binary file, checked locally first. */
export const description: INodeProperties[] = [
	{
		displayName: 'Validate Locally First',
		name: 'validateLocally',
		type: 'boolean',
		default: true,
		description: 'Whether to check the Flow JSON here before uploading (problems named by path, no request made)',
		displayOptions: { show: { operation: ['uploadJson'] } },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const id = flowIdOf(this, itemIndex);
	const flowJson = await readFlowJson(this, itemIndex);
	if (this.getNodeParameter('validateLocally', itemIndex, true) as boolean) checkFlowJson(this, itemIndex, flowJson).assertValid();
	const result = await graphOf(this, run).request({
		method: 'POST',
		path: `/${id}/assets`,
		multipart: {
			fields: { name: 'flow.json', asset_type: 'FLOW_JSON' },
			files: [{ field: 'file', data: Buffer.from(flowJson, 'utf8'), fileName: 'flow.json', mimeType: 'application/json' }],
		},
		itemIndex,
	});
	return { id, ...result };
};
