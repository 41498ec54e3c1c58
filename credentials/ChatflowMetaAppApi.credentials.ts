import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { GRAPH_API_VERSION_DEFAULT } from './common/graphDefaults';
import { queryFromCredentials, fieldText } from './common/authenticate';

/**
 * A Meta app as the receiver of webhooks (WhatsApp, Messenger, Instagram): the app secret signs
 * every delivery, the verify token answers the subscription handshake, and app id + secret form
 * the app access token used to register the callback URL automatically.
 */
export class ChatflowMetaAppApi implements ICredentialType {
	name = 'chatflowMetaAppApi';

	displayName = 'Chatflow Meta App (Webhooks) API';

	icon = 'file:../nodes/icons/meta.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-chatflow/n8n-nodes-chatflow#meta-app-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description: 'App dashboard → App settings → Basic → App ID',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'App dashboard → App settings → Basic → App secret; signs every webhook delivery',
		},
		{
			displayName: 'Previous App Secret',
			name: 'previousAppSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'While you rotate the app secret, deliveries signed with this one are accepted too. Leave empty otherwise.',
		},
		{
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Any secret string you choose. Paste the same value into the app dashboard (Webhooks → Verify token); the trigger answers the handshake only when they match.',
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

	// The app access token is "app_id|app_secret" (client_credentials without a round trip).
	authenticate: IAuthenticate = queryFromCredentials('access_token', (credentials) => `${fieldText(credentials, 'appId')}|${fieldText(credentials, 'appSecret')}`);

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.apiVersion}}',
			url: '={{"/" + $credentials.appId + "/subscriptions"}}',
		},
	};
}
