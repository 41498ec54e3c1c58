import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { withFastParameters } from '../shared/parameters';
// Messenger and Instagram share the Send API's message fields; they are described once.
import { metaMessageFields } from '../Messenger/descriptions/metaMessage';
import { metaOptionFields } from '../Messenger/descriptions/metaOptions';
import { senderActionFields } from '../Messenger/descriptions/metaSenderAction';
import { executeInstagram, INSTAGRAM_DEFAULT_RATE } from './actions/router';
import { resourceAndOperations } from './descriptions/operations';
import { reactionAndTokenFields } from './descriptions/reactionAndToken';

const properties: INodeProperties[] = [
	...resourceAndOperations,
	...metaMessageFields('instagram'),
	...senderActionFields,
	...reactionAndTokenFields,
	...metaOptionFields('instagram', INSTAGRAM_DEFAULT_RATE),
];

/** Sends Instagram direct messages (text, media, stickers, posts, templates), reactions, token refresh. */
export class ChatflowInstagram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow Instagram',
		name: 'chatflowInstagram',
		icon: { light: 'file:instagram.svg', dark: 'file:instagram.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
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
		return await executeInstagram.call(withFastParameters(this, properties));
	}
}
