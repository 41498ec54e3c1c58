import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { flowIdFrom, flowLocatorProperty, readFlowId } from '../../../shared/flows/picker';
import { checkFlowJson, readFlowJson } from '../common/flowJsonInput';
import { CATEGORIES, graphOf, type OperationExecute } from '../common/run';

const show = { operation: ['create'] };

/** Create: a Flow, optionally with its Flow JSON and endpoint, published at once, or as a clone. */
export const description: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, displayOptions: { show } },
	{ displayName: 'Categories', name: 'categories', type: 'multiOptions', default: ['OTHER'], required: true, options: CATEGORIES, displayOptions: { show } },
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			flowLocatorProperty({ displayName: 'Clone Flow', name: 'cloneFlowId', description: 'Start from a copy of this Flow' }),
			{ displayName: 'Endpoint URI', name: 'endpointUri', type: 'string', default: '', description: 'The production URL of the Flows endpoint trigger' },
			{ displayName: 'Include Flow JSON', name: 'includeFlowJson', type: 'boolean', default: false, description: 'Whether to send the Flow JSON below with the creation' },
			{ displayName: 'Publish', name: 'publish', type: 'boolean', default: false, description: 'Whether to publish at once (needs the Flow JSON)' },
			{ displayName: 'Validate Locally First', name: 'validateLocally', type: 'boolean', default: true, description: 'Whether to check the Flow JSON here before sending it' },
		],
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const graph = graphOf(this, run);
	const wabaId = graph.field('businessAccountId');
	if (!wabaId) throw new NodeOperationError(this.getNode(), 'The credential has no WhatsApp Business Account ID', { itemIndex });
	const extra = this.getNodeParameter('createOptions', itemIndex, {}) as {
		endpointUri?: string;
		cloneFlowId?: unknown;
		publish?: boolean;
		includeFlowJson?: boolean;
		validateLocally?: boolean;
	};
	const body: IDataObject = {
		name: this.getNodeParameter('name', itemIndex) as string,
		categories: this.getNodeParameter('categories', itemIndex) as string[],
	};
	if (extra.endpointUri) body.endpoint_uri = extra.endpointUri;
	// A collection hands its values over unextracted: the locator (or a plain string saved before it).
	if (flowIdFrom(extra.cloneFlowId) !== '') body.clone_flow_id = readFlowId(this, 'createOptions.cloneFlowId', 'Clone Flow', itemIndex);
	if (extra.includeFlowJson) {
		const flowJson = await readFlowJson(this, itemIndex);
		if (extra.validateLocally !== false) checkFlowJson(this, itemIndex, flowJson).assertValid();
		body.flow_json = flowJson;
		if (extra.publish) body.publish = true;
	}
	return await graph.request({ method: 'POST', path: `/${wabaId}/flows`, body, itemIndex });
};
