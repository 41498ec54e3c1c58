import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { withFastParameters } from '../shared/parameters';
import { executeViber } from './actions/router';
import { accountAndWebhookFields } from './descriptions/accountAndWebhook';
import { contentFields } from './descriptions/content';
import { keyboardFields } from './descriptions/keyboard';
import { resourceAndOperations } from './descriptions/operations';
import { optionFields } from './descriptions/options';

const properties: INodeProperties[] = [...resourceAndOperations, ...contentFields, ...keyboardFields, ...accountAndWebhookFields, ...optionFields];

/** Sends Viber bot messages (every type, keyboards, carousels, broadcasts) and manages the bot. */
export class ChatflowViber implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow Viber',
		name: 'chatflowViber',
		icon: { light: 'file:viber.svg', dark: 'file:viber.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
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
		return await executeViber.call(withFastParameters(this, properties));
	}
}
