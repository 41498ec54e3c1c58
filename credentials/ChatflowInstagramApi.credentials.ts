import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { GRAPH_API_VERSION_DEFAULT } from './common/graphDefaults';
import { headerFromField } from './common/authenticate';

/**
 * An Instagram professional account. Two routes exist: Instagram Login (graph.instagram.com,
 * Instagram user token, refreshed every 60 days) and the Facebook Page route
 * (graph.facebook.com, page access token of the linked page).
 */
export class ChatflowInstagramApi implements ICredentialType {
	name = 'chatflowInstagramApi';

	displayName = 'Chatflow Instagram API';

	icon = 'file:../nodes/icons/instagram.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-chatflow/n8n-nodes-chatflow#instagram-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Route',
			name: 'route',
			type: 'options',
			options: [
				{ name: 'Instagram Login (graph.instagram.com)', value: 'instagramLogin' },
				{ name: 'Facebook Page (graph.facebook.com)', value: 'page' },
			],
			default: 'instagramLogin',
		},
		{
			displayName: 'Instagram Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Instagram professional account ID (IG ID) that sends',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Instagram user token (Instagram Login) or the linked page access token (Page route) with instagram_manage_messages',
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
			default: '',
			placeholder: 'https://graph.instagram.com',
			description:
				'Leave empty for the route default (graph.instagram.com or graph.facebook.com); set it for a proxy, the chat simulator or tests',
		},
	];

	authenticate: IAuthenticate = headerFromField('Authorization', 'accessToken', 'Bearer ');

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{($credentials.baseUrl || ($credentials.route === "page" ? "https://graph.facebook.com" : "https://graph.instagram.com")).replace(/\\/+$/, "")}}/{{$credentials.apiVersion}}',
			url: '={{"/" + $credentials.accountId}}',
			qs: { fields: 'id,username' },
		},
	};
}
