import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Where shared state lives when n8n runs more than one process (queue mode): webhook
 * de-duplication, conversation waits and sessions. Usually the Redis that queue mode already
 * runs. Without it the nodes keep state in the n8n process, which is correct for one process.
 */
export class ChatflowRedisApi implements ICredentialType {
	name = 'chatflowRedisApi';

	displayName = 'Chatflow State Store (Redis) API';

	icon = 'file:icons/redis.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-chatflow/n8n-nodes-chatflow#state-store-credential';

	properties: INodeProperties[] = [
		{ displayName: 'Host', name: 'host', type: 'string', default: '127.0.0.1' },
		{ displayName: 'Port', name: 'port', type: 'number', default: 6379 },
		{ displayName: 'Username', name: 'username', type: 'string', default: '' },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Database Number', name: 'database', type: 'number', default: 0 },
		{
			displayName: 'Namespace',
			name: 'namespace',
			type: 'string',
			default: 'chatflow:',
			description: 'Prefix of every key this package writes, so several n8n instances can share one Redis',
		},
	];
}
