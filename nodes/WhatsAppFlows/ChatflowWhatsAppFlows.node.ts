import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { searchFlows } from '../shared/flows/picker';
import { description, router } from './actions/router';

/** WhatsApp Flows management: Flows API, Flow JSON, encryption keys (Meta's Flows API and Flow JSON reference). */
export class ChatflowWhatsAppFlows implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow WhatsApp Flows',
		name: 'chatflowWhatsAppFlows',
		icon: { light: 'file:../icons/flows-management.svg', dark: 'file:../icons/flows-management.dark.svg' },
		group: ['transform'],
		version: 1,
		usableAsTool: true,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Create, upload, publish and inspect WhatsApp Flows; manage the endpoint encryption key',
		defaults: { name: 'WhatsApp Flows' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'chatflowWhatsAppApi',
				required: true,
				displayOptions: { hide: { operation: ['generateKeyPair', 'validate'] } },
			},
		],
		properties: description,
	};

	methods = { listSearch: { searchFlows } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
