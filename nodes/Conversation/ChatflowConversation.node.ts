import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { outputsExpression } from '../shared/canvas';
import { chatflowRedisConnectionTest } from '../shared/store';
import { conversationOutputs, conversationSubtitle } from './canvas';
import { executeSession } from './actions/session/execute';
import { executeWaitForReply } from './actions/waitForReply/execute';
import { resumeWaitForReply } from './actions/waitForReply/resume';
import { contactProperties } from './actions/contact/description';
import { sessionProperties } from './actions/session/description';
import { waitForReplyProperties } from './actions/waitForReply/description';

/**
 * Conversations on n8n's waiting executions: wait for a contact's reply (resumed by the Chatflow
 * trigger), and per-contact sessions. See docs/conversations.md.
 */
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete, @n8n/community-nodes/node-usable-as-tool -- the resume webhook (restartWebhook) lives in n8n only, like the Wait node's; waiting for a person is no tool an AI agent can call
export class ChatflowConversation implements INodeType {
	// The rule looks for a literal subtitle; this one is built from the session actions.
	// eslint-disable-next-line n8n-nodes-base/node-class-description-missing-subtitle
	description: INodeTypeDescription = {
		displayName: 'Chatflow Conversation',
		name: 'chatflowConversation',
		icon: { light: 'file:../icons/conversation.svg', dark: 'file:../icons/conversation.dark.svg' },
		group: ['transform'],
		// Version 2: Wait for Reply keeps the execution running for its first 30 seconds by default.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: conversationSubtitle(sessionProperties[0]),
		description: 'Wait for a contact\'s reply, keep per-contact session variables and steps',
		defaults: { name: 'Conversation' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsExpression(conversationOutputs),
		credentials: [{ name: 'chatflowRedisApi', required: false, testedBy: 'chatflowRedisConnectionTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '',
				restartWebhook: true,
			},
		],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'waitForReply',
				options: [
					{
						name: 'Wait for Reply',
						value: 'waitForReply',
						action: "Wait for the contact's reply",
						description: 'Pause until the contact answers, then continue with the answer',
					},
					{
						name: 'Session',
						value: 'session',
						action: "Read or change the contact's session",
						description: 'Variables and current step kept across executions',
					},
				],
			},
			...contactProperties,
			...waitForReplyProperties,
			...sessionProperties,
		],
	};

	methods = { credentialTest: { chatflowRedisConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		return operation === 'waitForReply' ? await executeWaitForReply(this) : await executeSession(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeWaitForReply(this);
	}
}
