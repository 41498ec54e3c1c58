import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runOptionsProperty } from '../shared/actions';
import { operationSubtitle } from '../shared/canvas';
import { withFastParameters } from '../shared/parameters';
import { description as account } from './actions/account';
import { VIBER_RUN_DEFAULTS, version1OptionsField } from './actions/common/options';
import { description as message } from './actions/message';
import { router } from './actions/router';
import { description as webhook } from './actions/webhook';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account' },
			{ name: 'Message', value: 'message' },
			{ name: 'Webhook', value: 'webhook' },
		],
		default: 'message',
	},
	...message,
	...account,
	...webhook,
	version1OptionsField,
	runOptionsProperty(VIBER_RUN_DEFAULTS),
];

/**
 * Sends Viber bot messages (every type, keyboards, carousels, broadcasts) and manages the bot.
 * Version 2 splits version 1's "Options" into "Message Options" and "Run Options" (the block
 * every channel shares) and gives failed items every channel's shape.
 */
export class ChatflowViber implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow Viber',
		name: 'chatflowViber',
		icon: { light: 'file:../icons/viber.svg', dark: 'file:../icons/viber.dark.svg' },
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: operationSubtitle(properties),
		description: 'Send Viber bot messages with keyboards and carousels, broadcast, and manage the bot',
		defaults: { name: 'Chatflow Viber' },
		usableAsTool: true,
		// The older base-plugin rule predates NodeConnectionTypes, which the community rules require.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'chatflowViberApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Thousands of items read the same parameters: see nodes/shared/parameters.
		return await router.call(withFastParameters(this, properties));
	}
}
