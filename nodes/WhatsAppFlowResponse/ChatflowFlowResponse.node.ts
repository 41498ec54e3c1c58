/* eslint-disable n8n-nodes-base/node-dirname-against-convention -- file named after the node (issue 5), folder after the package layout (nodes/WhatsAppFlow…) */
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
import { runFlowResponseNode } from '../shared/flows/flowResponseExecution';

const ON_INVALID_TOKEN = [
	{ name: 'Fail the Item', value: 'error' },
	{ name: 'Keep the Item, Flag It', value: 'flag' },
];

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
		subtitle: '={{ {"parse": "parse Flow response", "createToken": "create flow token", "verifyToken": "verify flow token"}[$parameter["operation"]] }}',
		description: 'Parse, verify and map the answer of a WhatsApp Flow; create and verify flow tokens',
		defaults: { name: 'Flow Response' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'chatflowFlowsEndpointApi',
				required: true,
				testedBy: 'chatflowFlowsEndpointApiTest',
				displayOptions: { show: { verifyToken: [true] } },
			},
		],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'parse',
				options: [
					{ name: 'Parse Flow Response', value: 'parse', action: 'Parse a flow response', description: 'Clean JSON from an nfm_reply' },
					{ name: 'Create Flow Token', value: 'createToken', action: 'Create a flow token', description: 'A signed, expiring token carrying a small context' },
					{ name: 'Verify Flow Token', value: 'verifyToken', action: 'Verify a flow token', description: 'Check signature and expiry, return its context' },
				],
			},
			{
				displayName: 'Fold Builder Keys',
				name: 'foldBuilderKeys',
				type: 'boolean',
				default: true,
				description: 'Whether to turn builder names like screen_1_TextInput_1 into text_input and option IDs like 0_Yes into Yes (the raw answer stays in rawResponse)',
				displayOptions: { show: { operation: ['parse'] } },
			},
			{
				displayName: 'Verify Flow Token',
				name: 'verifyToken',
				type: 'boolean',
				default: false,
				description: 'Whether to verify the flow_token with the credential\'s Flow Token Secret and output its context',
				displayOptions: { show: { operation: ['parse'] } },
			},
			{
				// Token operations always need the secret; this hidden twin turns the credential on for them.
				displayName: 'Verify Flow Token',
				name: 'verifyToken',
				type: 'hidden',
				default: true,
				displayOptions: { show: { operation: ['createToken', 'verifyToken'] } },
			},
			{
				displayName: 'JSONata Expression',
				name: 'jsonata',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				placeholder: '{ "email": response.email, "journey": context.journey }',
				description: 'Optional: maps the clean answer ({ response, flowToken, context, from, replyTo }) into the shape the next system needs',
				displayOptions: { show: { operation: ['parse'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { operation: ['parse'], verifyToken: [true] } },
				options: [
					{
						displayName: 'On Invalid Token',
						name: 'onInvalidToken',
						type: 'options',
						default: 'error',
						options: ON_INVALID_TOKEN,
					},
				],
			},
			{
				displayName: 'Context (JSON)',
				name: 'context',
				type: 'json',
				default: '{}',
				description: 'Small JSON carried by the token, e.g. {"contact": "...", "journey": "..."}. Readable by anyone: no secrets.',
				displayOptions: { show: { operation: ['createToken'] } },
			},
			{
				displayName: 'Expires In (Seconds)',
				name: 'expiresIn',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 86400,
				displayOptions: { show: { operation: ['createToken'] } },
			},
			{
				displayName: 'Token',
				name: 'token',
				// eslint-disable-next-line n8n-nodes-base/node-param-type-options-password-missing -- a flow token is not a secret: it travels in the Flow message
				type: 'string',
				default: '={{ $json.flowToken }}',
				displayOptions: { show: { operation: ['verifyToken'] } },
			},
			{
				displayName: 'On Invalid Token',
				name: 'onInvalidToken',
				type: 'options',
				default: 'error',
				options: ON_INVALID_TOKEN,
				displayOptions: { show: { operation: ['verifyToken'] } },
			},
		],
	};

	methods = {
		credentialTest: { [FLOWS_ENDPOINT_CREDENTIAL_TEST]: testFlowsEndpointCredential },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runFlowResponseNode(this);
	}
}
