import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { withFastParameters } from '../shared/parameters';
import { executeMessenger, MESSENGER_DEFAULT_RATE } from './actions/router';
import { metaMessageFields } from './descriptions/metaMessage';
import { metaOptionFields } from './descriptions/metaOptions';
import { senderActionFields } from './descriptions/metaSenderAction';
import { resourceAndOperations } from './descriptions/operations';
import { uploadFields } from './descriptions/upload';

const properties: INodeProperties[] = [
	...resourceAndOperations,
	...metaMessageFields('messenger'),
	...senderActionFields,
	...uploadFields,
	...metaOptionFields('messenger', MESSENGER_DEFAULT_RATE),
];

/** Sends Messenger messages (text, media, templates, quick replies) and uploads attachments. */
export class ChatflowMessenger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatflow Messenger',
		name: 'chatflowMessenger',
		icon: { light: 'file:messenger.svg', dark: 'file:messenger.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
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
		return await executeMessenger.call(withFastParameters(this, properties));
	}
}
