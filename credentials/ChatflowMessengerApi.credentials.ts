import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { GRAPH_API_VERSION_DEFAULT } from './common/graphDefaults';
import { headerFromField } from './common/authenticate';

/** A Facebook Page that sends Messenger messages with its page access token. */
export class ChatflowMessengerApi implements ICredentialType {
	name = 'chatflowMessengerApi';

	displayName = 'Chatflow Messenger API';

	icon = 'file:../nodes/icons/messenger.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-chatflow/n8n-nodes-chatflow#messenger-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Page ID',
			name: 'pageId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Facebook Page that sends (Page → About → Page transparency, or Business Settings)',
		},
		{
			displayName: 'Page Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A page access token with pages_messaging (app dashboard → Messenger → Settings)',
		},
		{
			displayName: 'Graph API Version',
			name: 'apiVersion',
			type: 'string',
			default: GRAPH_API_VERSION_DEFAULT,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description: 'Override for a proxy, the chat simulator or tests',
		},
	];

	authenticate: IAuthenticate = headerFromField('Authorization', 'accessToken', 'Bearer ');

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.apiVersion}}',
			url: '={{"/" + $credentials.pageId}}',
			qs: { fields: 'id,name' },
		},
	};
}
