import {
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	FLOWS_ENDPOINT_CREDENTIAL_TEST,
	testFlowsEndpointCredential,
} from '../shared/flows/credential';
import { searchFlows } from '../shared/flows/picker';
import {
	flowsEndpointCheckExists,
	flowsEndpointCreate,
	flowsEndpointDelete,
	REGISTRATION_ON_ACTIVATION,
	registrationProperties,
} from './registration';
import { receiveEndpointRequest } from './webhook';
import { routeOutputs, ROUTING_ONE_OUTPUT, ROUTING_PER_ROUTE } from '../shared/flows/routeOutputs';
import { outputsExpression } from '../shared/canvas';
import { WEBHOOK_TRIGGER_VERSIONS } from '../shared/webhook/versions';

/**
 * What n8n answers when the workflow ends without a respond node answering: 500, empty body.
 * A number, although n8n's type says string: n8n hands the value unchanged to Express's
 * `res.status()`, and Express 5 (n8n 2.x) refuses a string ("Invalid status code") and answers
 * with a stack trace instead. A number also needs no expression, which would cost an isolate
 * per request.
 */
const NO_ANSWER_STATUS = 500 as unknown as string;

/**
 * The WhatsApp Flows data-exchange endpoint. Answers itself: bad signatures (432), payloads it
 * cannot decrypt (421), bad flow tokens (427), health checks and client error notifications.
 * Hands INIT, BACK and data_exchange to the workflow; the "Chatflow Respond to WhatsApp Flow" node
 * answers them. If the workflow fails before answering, n8n answers 500; if it ends without
 * answering, the `responseCode` below (500) goes out with an empty body, at once.
 */
export class ChatflowFlowsEndpointTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow WhatsApp Flows Endpoint Trigger',
		name: 'chatflowFlowsEndpointTrigger',
		icon: { light: 'file:../icons/flows-endpoint.svg', dark: 'file:../icons/flows-endpoint.dark.svg' },
		group: ['trigger'],
		...WEBHOOK_TRIGGER_VERSIONS,
		subtitle: '={{"data exchange endpoint"}}',
		description: 'Data-exchange endpoint of a WhatsApp Flow: decrypts requests, answers pings, routes by screen',
		defaults: { name: 'WhatsApp Flows Endpoint' },
		inputs: [],
		// One output, or one per listed route plus "Other" (routeOutputs.ts).
		outputs: outputsExpression(routeOutputs),
		credentials: [
			{ name: 'chatflowFlowsEndpointApi', displayName: 'Flows Endpoint (Private Key)', required: true, testedBy: 'chatflowFlowsEndpointApiTest' },
			// Only to set the endpoint URI of the listed Flows on activation.
			{
				name: 'chatflowWhatsAppApi',
				displayName: 'WhatsApp Account (Endpoint Registration)',
				required: true,
				displayOptions: { show: { endpointRegistration: [REGISTRATION_ON_ACTIVATION] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'responseNode',
				responseCode: NO_ANSWER_STATUS,
				path: 'flows',
			},
		],
		properties: [
			{
				displayName:
					'Put the production URL into the Flow as its endpoint URI (or choose Set on Activation below). Answer INIT, BACK and data_exchange with a "Chatflow Respond to WhatsApp Flow" node; route with one Switch on <code>{{ $json.route }}</code> (INIT, BACK:SCREEN, data_exchange:SCREEN).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...registrationProperties,
			{
				displayName: 'Outputs',
				name: 'routing',
				type: 'options',
				noDataExpression: true,
				default: ROUTING_ONE_OUTPUT,
				options: [
					{
						name: 'One Output',
						value: ROUTING_ONE_OUTPUT,
						description: 'Route with a Switch on the item\'s route field',
					},
					{
						name: 'One Output per Route',
						value: ROUTING_PER_ROUTE,
						description: 'An output for each route listed below, plus Other: no Switch, no expression to route',
					},
				],
			},
			{
				displayName: 'Routes',
				name: 'routes',
				type: 'string',
				noDataExpression: true,
				default: 'INIT, data_exchange, BACK',
				placeholder: 'INIT, data_exchange:APPOINTMENT, data_exchange:DETAILS, BACK',
				description:
					'Comma-separated. A route is an action (INIT, BACK, data_exchange) or action:SCREEN. A request leaves by its exact route if listed, else by its action if listed, else by Other.',
				displayOptions: { show: { routing: [ROUTING_PER_ROUTE] } },
			},
			{
				displayName: 'Verify Flow Token',
				name: 'verifyFlowToken',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept only flow tokens created with the credential\'s Flow Token Secret; an expired or forged token gets HTTP 427 and the Flow shows a generic error',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Decrypt Uploaded Files',
						name: 'decryptFiles',
						type: 'boolean',
						default: true,
						description:
							'Whether to download, verify and decrypt the files of PhotoPicker and DocumentPicker into binary properties (field_index, e.g. photo_picker_0) before the workflow starts (on unless turned off here); a file that fails a check is listed in fileErrors',
					},
					{
						displayName: 'Max File Size (MB)',
						name: 'maxFileSizeMb',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 25,
						description: 'Larger uploaded files are refused (listed in fileErrors) instead of downloaded; WhatsApp allows up to 25 MB per file',
					},
					{
						displayName: 'Pass Error Notifications to Workflow',
						name: 'passErrorNotifications',
						type: 'boolean',
						default: false,
						description:
							'Whether client error notifications also start the workflow (they are acknowledged either way); the item has notification = "error"',
					},
					{
						displayName: 'Pass Health Checks to Workflow',
						name: 'passPings',
						type: 'boolean',
						default: false,
						description:
							'Whether health checks (ping) also start the workflow (they are answered either way); the item has notification = "ping"',
					},
					{
						displayName: 'Pass Unknown Actions to Workflow',
						name: 'passUnknownActions',
						type: 'boolean',
						default: false,
						description:
							'Whether requests with an action other than INIT, BACK, data_exchange and ping start the workflow (with One Output per Route they leave by Other); off, they are answered 400 and no workflow runs',
					},
					{
						displayName: 'Skip Signature Check (Local Testing Only)',
						name: 'skipSignatureCheck',
						type: 'boolean',
						default: false,
						description:
							'Whether to accept requests without a valid X-Hub-Signature-256. Never in production: anyone could then call the endpoint.',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: { [FLOWS_ENDPOINT_CREDENTIAL_TEST]: testFlowsEndpointCredential },
		listSearch: { searchFlows },
	};

	// Manual by default; "Set on Activation" sets the production URL on the listed Flows.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await flowsEndpointCheckExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await flowsEndpointCreate.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await flowsEndpointDelete.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveEndpointRequest(this);
	}
}
