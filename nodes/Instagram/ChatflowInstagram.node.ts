import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runOptionsProperty } from '../shared/actions';
import { META_RUN_DEFAULTS, version1OptionsField } from '../shared/meta-messaging';
import { operationSubtitle } from '../shared/canvas';
import { withFastParameters } from '../shared/parameters';
import { description as account } from './actions/account';
import { description as message } from './actions/message';
import { router } from './actions/router';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account' },
			{ name: 'Message', value: 'message' },
		],
		default: 'message',
	},
	...message,
	...account,
	version1OptionsField('instagram'),
	runOptionsProperty(META_RUN_DEFAULTS.instagram),
];

/**
 * Sends Instagram direct messages (text, media, stickers, posts, templates), reactions, and
 * refreshes Instagram Login tokens.
 * Version 2 splits version 1's "Options" into "Message Options" and "Run Options" (the block
 * every channel shares) and gives failed items every channel's shape.
 */
export class ChatflowInstagram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow Instagram',
		name: 'chatflowInstagram',
		icon: { light: 'file:../icons/instagram.svg', dark: 'file:../icons/instagram.dark.svg' },
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: operationSubtitle(properties),
		description: 'Send Instagram direct messages, reactions and templates from a professional account',
		defaults: { name: 'Chatflow Instagram' },
		usableAsTool: true,
		// The older base-plugin rule predates NodeConnectionTypes, which the community rules require.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'chatflowInstagramApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Thousands of items read the same parameters: see nodes/shared/parameters.
		return await router.call(withFastParameters(this, properties));
	}
}
