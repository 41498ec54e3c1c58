import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	FLOWS_ENDPOINT_CREDENTIAL_TEST,
	testFlowsEndpointCredential,
} from '../shared/flows/credential';
import { operationSubtitle } from '../shared/canvas';
import { description } from './actions';
import { router } from './actions/router';

/**
 * Turns a WhatsApp Flow's answer (nfm_reply) into clean JSON: parsed, token verified, builder
 * keys folded, optionally mapped with JSONata. Also creates and verifies flow tokens, the link
 * between a sent Flow and the journey that waits for its answer.
 */
export class ChatflowFlowResponse implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow WhatsApp Flow Response',
		name: 'chatflowFlowResponse',
		icon: { light: 'file:../icons/flows-response.svg', dark: 'file:../icons/flows-response.dark.svg' },
		group: ['transform'],
		version: 1,
		usableAsTool: true,
		subtitle: operationSubtitle(description),
		description: 'Parse, verify and map the answer of a WhatsApp Flow; create and verify flow tokens',
		defaults: { name: 'Flow Response' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'chatflowFlowsEndpointApi',
				displayName: 'Flows Endpoint (Flow Token Secret)',
				required: true,
				testedBy: 'chatflowFlowsEndpointApiTest',
				displayOptions: { show: { verifyToken: [true] } },
			},
			{
				name: 'chatflowWhatsAppApi',
				displayName: 'WhatsApp Account (Downloads Uploaded Files)',
				required: true,
				displayOptions: { show: { operation: ['parse'], downloadFiles: [true] } },
			},
		],
		properties: description,
	};

	methods = {
		credentialTest: { [FLOWS_ENDPOINT_CREDENTIAL_TEST]: testFlowsEndpointCredential },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
