import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { GRAPH_API_VERSION_DEFAULT } from './common/graphDefaults';
import { headerFromField } from './common/authenticate';

/** WhatsApp Cloud API: a system-user token that sends and manages on behalf of one WABA. */
export class ChatflowWhatsAppApi implements ICredentialType {
	name = 'chatflowWhatsAppApi';

	displayName = 'Chatflow WhatsApp Cloud API';

	icon = 'file:../nodes/icons/whatsapp.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-chatflow/n8n-nodes-chatflow#whatsapp-cloud-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A permanent system-user token (Business Settings → System users) with whatsapp_business_messaging and whatsapp_business_management',
		},
		{
			displayName: 'WhatsApp Business Account ID',
			name: 'businessAccountId',
			type: 'string',
			default: '',
			required: true,
			description: 'WABA ID, shown in WhatsApp Manager → Account tools → Phone numbers',
		},
		{
			displayName: 'Default Phone Number ID',
			name: 'phoneNumberId',
			type: 'string',
			default: '',
			description:
				'The phone number ID (not the phone number) that sends when a node does not choose another one',
		},
		{
			displayName: 'Graph API Version',
			name: 'apiVersion',
			type: 'string',
			default: GRAPH_API_VERSION_DEFAULT,
			description: 'Graph API version used in every request path, e.g. v26.0',
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
			url: '={{"/" + $credentials.businessAccountId}}',
			qs: { fields: 'id,name' },
		},
		// Meta answers a bad token with 401 (error 190) and an unknown or foreign WABA ID with 400
		// (error 100); without rules n8n would only say "Bad Request".
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Meta refused the access token (error 190: invalid or expired). Use a permanent system-user token from Business Settings → System users.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message: 'Meta does not know this WhatsApp Business Account ID or the token cannot see it (error 100). Copy the ID from the app dashboard → WhatsApp → API Setup.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The token lacks a permission (error 10/200): give it whatsapp_business_management and whatsapp_business_messaging.',
				},
			},
		],
	};
}
