import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { headerFromField } from './common/authenticate';

/** A Viber bot: its auth token authenticates sends and signs the webhooks Viber delivers. */
export class ChatflowViberApi implements ICredentialType {
	name = 'chatflowViberApi';

	displayName = 'Chatflow Viber Bot API';

	icon = 'file:../nodes/icons/viber.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-chatflow/n8n-nodes-chatflow#viber-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Shown when the bot is created at partners.viber.com (bot → Edit info → Token)',
		},
		{
			displayName: 'Sender Name',
			name: 'senderName',
			type: 'string',
			default: '',
			required: true,
			description: 'Name shown with every message (at most 28 characters)',
		},
		{
			displayName: 'Sender Avatar URL',
			name: 'senderAvatar',
			type: 'string',
			default: '',
			description: 'Optional avatar image URL shown with every message',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://chatapi.viber.com/pa',
			description: 'Override for a proxy, the chat simulator or tests',
		},
	];

	authenticate: IAuthenticate = headerFromField('X-Viber-Auth-Token', 'authToken');

	// Viber answers errors as HTTP 200 with a non-zero status; 2 is an invalid token.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/get_account_info',
			method: 'POST',
			body: {},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'status', value: 2, message: 'Viber rejected the auth token (status 2)' },
			},
		],
	};
}
