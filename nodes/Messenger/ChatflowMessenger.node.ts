import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runOptionsProperty } from '../shared/actions';
import { META_RUN_DEFAULTS, version1OptionsField } from '../shared/meta-messaging';
import { operationSubtitle } from '../shared/canvas';
import { withFastParameters } from '../shared/parameters';
import { description as attachment } from './actions/attachment';
import { description as message } from './actions/message';
import { router } from './actions/router';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Attachment', value: 'attachment' },
			{ name: 'Message', value: 'message' },
		],
		default: 'message',
	},
	...message,
	...attachment,
	version1OptionsField('messenger'),
	runOptionsProperty(META_RUN_DEFAULTS.messenger),
];

/**
 * Sends Messenger messages (text, media, templates, quick replies) and uploads attachments.
 * Version 2 splits version 1's "Options" into "Message Options" and "Run Options" (the block
 * every channel shares) and gives failed items every channel's shape.
 */
export class ChatflowMessenger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow Messenger',
		name: 'chatflowMessenger',
		icon: { light: 'file:../icons/messenger.svg', dark: 'file:../icons/messenger.dark.svg' },
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: operationSubtitle(properties),
		description: 'Send Facebook Messenger messages, templates and quick replies from a page',
		defaults: { name: 'Chatflow Messenger' },
		usableAsTool: true,
		// The older base-plugin rule predates NodeConnectionTypes, which the community rules require.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'chatflowMessengerApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Thousands of items read the same parameters: see nodes/shared/parameters.
		return await router.call(withFastParameters(this, properties));
	}
}
