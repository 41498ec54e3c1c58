import type { INodeProperties } from 'n8n-workflow';

import { flowIdFrom, flowLocatorProperty } from '../../../shared/flows/picker';
import { flowMessage, type FlowInput } from '../../builders';
import { bodyFooterProperties, headerProperties } from '../common/descriptions';
import { interactiveFrame } from '../common/frame';
import { envelopeOptions, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { sendMessage } from '../common/send';

const resource = ['message'];
const operation = ['sendFlow'];
const show = { resource, operation };

export const description: INodeProperties[] = [
	{
		displayName: 'Flow Identified By',
		name: 'flowBy',
		type: 'options',
		default: 'id',
		displayOptions: { show },
		options: [
			{ name: 'Flow (List, ID or URL)', value: 'id' },
			{ name: 'Flow Name', value: 'name' },
		],
	},
	flowLocatorProperty({ displayName: 'Flow', name: 'flowId', required: true, displayOptions: { show: { ...show, flowBy: ['id'] } } }),
	{ displayName: 'Flow Name', name: 'flowName', type: 'string', default: '', required: true, displayOptions: { show: { ...show, flowBy: ['name'] } } },
	{
		displayName: 'Button Text',
		name: 'flowCta',
		type: 'string',
		default: '',
		required: true,
		description: 'The button that opens the Flow (≤30 characters, no emoji)',
		displayOptions: { show },
	},
	...headerProperties(resource, operation),
	...bodyFooterProperties(resource, operation),
	{
		displayName: 'Flow Token',
		name: 'flowCorrelationId',
		type: 'string',
		default: '',
		description: 'Your correlation ID, echoed in the data exchange and in the Flow\'s answer (default "unused")',
		displayOptions: { show },
	},
	{
		displayName: 'Mode',
		name: 'flowMode',
		type: 'options',
		default: 'published',
		displayOptions: { show },
		options: [
			{ name: 'Published', value: 'published' },
			{ name: 'Draft', value: 'draft', description: 'Test an unpublished Flow' },
		],
	},
	{
		displayName: 'First Action',
		name: 'flowAction',
		type: 'options',
		default: 'navigate',
		displayOptions: { show },
		options: [
			{ name: 'Navigate', value: 'navigate', description: 'Open a screen with the data given here' },
			{ name: 'Data Exchange', value: 'data_exchange', description: 'Ask the Flow endpoint for the first screen (INIT)' },
		],
	},
	{
		displayName: 'Screen',
		name: 'flowScreen',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'WELCOME',
		description: 'ID of the first screen',
		displayOptions: { show: { ...show, flowAction: ['navigate'] } },
	},
	{
		displayName: 'Screen Data',
		name: 'flowData',
		type: 'json',
		default: '{}',
		description: 'JSON object handed to the first screen',
		displayOptions: { show: { ...show, flowAction: ['navigate'] } },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const by = stringParam(this, 'flowBy', itemIndex, 'id');
	const action = stringParam(this, 'flowAction', itemIndex, 'navigate') as FlowInput['action'];
	const input: FlowInput = {
		...interactiveFrame(this, itemIndex),
		flowId: by === 'id' ? flowIdFrom(this.getNodeParameter('flowId', itemIndex, '')) : undefined,
		flowName: by === 'name' ? stringParam(this, 'flowName', itemIndex) : undefined,
		cta: stringParam(this, 'flowCta', itemIndex),
		flowToken: stringParam(this, 'flowCorrelationId', itemIndex),
		mode: stringParam(this, 'flowMode', itemIndex, 'published') as FlowInput['mode'],
		action,
		screen: action === 'navigate' ? stringParam(this, 'flowScreen', itemIndex) : undefined,
		data: action === 'navigate' ? this.getNodeParameter('flowData', itemIndex, '{}') : undefined,
	};
	return await sendMessage(this, run, itemIndex, () => flowMessage(stringParam(this, 'to', itemIndex), input, envelopeOptions(this, itemIndex)));
};
