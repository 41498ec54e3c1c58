import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { inputsExpression, operationSubtitle } from '../shared/canvas';
import { LOCAL_OPERATIONS } from './actions/common/run';
import { flowsInputs } from './canvas';
import { searchFlows } from '../shared/flows/picker';
import { description } from './actions';
import { router } from './actions/router';

/** WhatsApp Flows management: Flows API, Flow JSON, encryption keys (Meta's Flows API and Flow JSON reference). */
export class ChatflowWhatsAppFlows implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow WhatsApp Flows',
		name: 'chatflowWhatsAppFlows',
		icon: { light: 'file:../icons/flows-management.svg', dark: 'file:../icons/flows-management.dark.svg' },
		group: ['transform'],
		version: 1,
		usableAsTool: true,
		subtitle: operationSubtitle(description),
		description: 'Create, upload, publish and inspect WhatsApp Flows; manage the endpoint encryption key',
		defaults: { name: 'WhatsApp Flows' },
		// Generate Flow JSON adds a Chat Model input; the other operations have only the main one.
		inputs: inputsExpression(flowsInputs),
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'chatflowWhatsAppApi',
				required: true,
				displayOptions: { hide: { operation: LOCAL_OPERATIONS } },
			},
		],
		properties: description,
	};

	methods = { listSearch: { searchFlows } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
