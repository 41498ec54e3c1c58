import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * What a WhatsApp Flows data-exchange endpoint needs: the RSA private key whose public half is
 * uploaded for the phone number, the app secret(s) that sign endpoint requests, and the secret
 * that signs this package's flow tokens. Nothing here is sent anywhere, so there is no HTTP
 * `test`: every node using it declares `testedBy: 'chatflowFlowsEndpointApiTest'`, a
 * `methods.credentialTest` (nodes/shared/flows/credential.ts) that parses the key and reports a
 * wrong passphrase, a non-RSA key or a key that is not 2048 bits as such.
 */
export class ChatflowFlowsEndpointApi implements ICredentialType {
	name = 'chatflowFlowsEndpointApi';

	displayName = 'Chatflow WhatsApp Flows Endpoint API';

	icon = 'file:../nodes/icons/flows-credential.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-chatflow/n8n-nodes-chatflow#whatsapp-flows-endpoint-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Private Key (PEM)',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 6 },
			default: '',
			required: true,
			description: 'The 2048-bit RSA private key, PEM, encrypted or not',
		},
		{
			displayName: 'Passphrase',
			name: 'passphrase',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Passphrase of an encrypted private key; empty for an unencrypted one',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'App secret of the Meta app connected to the Flow; every endpoint request is signed with it (X-Hub-Signature-256)',
		},
		{
			displayName: 'Previous App Secret',
			name: 'previousAppSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Also accepted while you rotate the app secret; leave empty otherwise',
		},
		{
			displayName: 'Flow Token Secret',
			name: 'tokenSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Signs and verifies the flow tokens this package creates (at least 32 random characters). Leave empty to not sign tokens.',
		},
	];
}
