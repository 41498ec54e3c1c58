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
import { respondToFlow } from './respondToFlow';

/**
 * Answers the request of a "Chatflow WhatsApp Flows Endpoint Trigger": the next screen, an error
 * on the current screen, or closing the Flow. Encrypted with the request's AES key (recovered
 * from the encrypted key with the same credential: never stored) and sent as text/plain base64.
 */
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- it answers the endpoint request of the execution the Flows endpoint trigger started; an AI agent's tool call has no such request to answer
export class ChatflowFlowsRespond implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow Respond to WhatsApp Flow',
		name: 'chatflowFlowsRespond',
		icon: { light: 'file:../icons/flows-respond.svg', dark: 'file:../icons/flows-respond.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"nextScreen": "next screen: " + $parameter["screen"], "error": "error message", "close": "close the Flow"}[$parameter["respondWith"]] }}',
		description: 'Answer a WhatsApp Flows endpoint request: next screen, error message or close',
		defaults: { name: 'Respond to Flow' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'chatflowFlowsEndpointApi', required: true, testedBy: 'chatflowFlowsEndpointApiTest' }],
		properties: [
			{
				displayName: 'Respond With',
				name: 'respondWith',
				type: 'options',
				noDataExpression: true,
				default: 'nextScreen',
				options: [
					{ name: 'Next Screen', value: 'nextScreen', description: 'Show a screen with data' },
					{ name: 'Error Message', value: 'error', description: 'Stay on the current screen and show an error' },
					{ name: 'Close the Flow', value: 'close', description: 'Finish with SUCCESS; the params arrive in the messages webhook' },
				],
			},
			{
				displayName: 'Screen',
				name: 'screen',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'APPOINTMENT',
				description: 'ID of the screen to show (as in the Flow JSON)',
				displayOptions: { show: { respondWith: ['nextScreen'] } },
			},
			{
				displayName: 'Error Message',
				name: 'errorMessage',
				type: 'string',
				default: '',
				required: true,
				description: 'Shown to the user in a snackbar on the current screen',
				displayOptions: { show: { respondWith: ['error'] } },
			},
			{
				displayName: 'Error Screen',
				name: 'errorScreen',
				type: 'string',
				default: '',
				description: 'Screen that shows the error; empty means the screen of the request',
				displayOptions: { show: { respondWith: ['error'] } },
			},
			{
				displayName: 'Data (JSON)',
				name: 'data',
				type: 'json',
				default: '{}',
				description: 'The data the screen declares (its "data" block)',
				displayOptions: { show: { respondWith: ['nextScreen', 'error'] } },
			},
			{
				displayName: 'Params (JSON)',
				name: 'params',
				type: 'json',
				default: '{}',
				description:
					'The extension_message_response.params: delivered with the Flow response in the messages webhook. The flow_token is added automatically.',
				displayOptions: { show: { respondWith: ['close'] } },
			},
			{
				displayName: 'Flow Token',
				name: 'flowToken',
				// eslint-disable-next-line n8n-nodes-base/node-param-type-options-password-missing -- a flow token is not a secret: it travels in the Flow message
				type: 'string',
				default: '',
				description: 'Empty means the flow token of the request',
				displayOptions: { show: { respondWith: ['close'] } },
			},
		],
	};

	methods = {
		credentialTest: { [FLOWS_ENDPOINT_CREDENTIAL_TEST]: testFlowsEndpointCredential },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await respondToFlow(this);
	}
}
