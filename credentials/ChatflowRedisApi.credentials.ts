import type { ICredentialType, INodeProperties } from 'n8n-workflow';

const connection = (types: string[]) => ({ show: { connectionType: types } });

/**
 * Where shared state lives when n8n runs more than one process (queue mode): webhook
 * de-duplication, conversation waits and sessions. Usually the Redis that queue mode already
 * runs, with the same connection settings n8n's queue mode supports: one server (host and port,
 * or a URL), Sentinel, or Cluster; ACL user and password; TLS with an optional CA and client
 * certificate. Without it the nodes keep state in the n8n process, which is correct for one
 * process.
 */
export class ChatflowRedisApi implements ICredentialType {
	name = 'chatflowRedisApi';

	displayName = 'Chatflow State Store (Redis) API';

	icon = 'file:../nodes/icons/redis.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-chatflow/n8n-nodes-chatflow#state-store-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Connection',
			name: 'connectionType',
			type: 'options',
			default: 'standalone',
			options: [
				{ name: 'One Server', value: 'standalone', description: 'Host and port of one Redis' },
				{ name: 'URL', value: 'url', description: 'redis:// or rediss:// (TLS) URL' },
				{ name: 'Sentinel', value: 'sentinel', description: 'Redis Sentinel finds the current master' },
				{ name: 'Cluster', value: 'cluster', description: 'Redis Cluster, from one or more seed nodes' },
			],
		},
		{ displayName: 'Host', name: 'host', type: 'string', default: '127.0.0.1', displayOptions: connection(['standalone']) },
		{ displayName: 'Port', name: 'port', type: 'number', default: 6379, displayOptions: connection(['standalone']) },
		// The URL may carry the password (redis://user:password@host), so it is kept as a secret.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'rediss://user:password@redis.example.com:6380/0',
			description: 'A rediss:// URL turns TLS on; user, password and database in the URL take precedence over the fields below',
			displayOptions: connection(['url']),
		},
		{
			displayName: 'Sentinels',
			name: 'sentinels',
			type: 'string',
			default: '',
			placeholder: '10.0.0.5:26379, 10.0.0.6:26379, 10.0.0.7:26379',
			description: 'Comma-separated host:port of the sentinels',
			displayOptions: connection(['sentinel']),
		},
		{
			displayName: 'Master Name',
			name: 'masterName',
			type: 'string',
			default: 'mymaster',
			displayOptions: connection(['sentinel']),
		},
		{
			displayName: 'Sentinel Password',
			name: 'sentinelPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'When the sentinels themselves require a password (requirepass on the sentinels)',
			displayOptions: connection(['sentinel']),
		},
		{
			displayName: 'Cluster Nodes',
			name: 'clusterNodes',
			type: 'string',
			default: '',
			placeholder: '10.0.0.5:7000, 10.0.0.6:7000',
			description: 'Comma-separated host:port of some cluster nodes; the others are discovered',
			displayOptions: connection(['cluster']),
		},
		{ displayName: 'Username', name: 'username', type: 'string', default: '', description: 'ACL user (Redis 6 and later); empty for the default user' },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Database Number',
			name: 'database',
			type: 'number',
			default: 0,
			description: 'Not used by Redis Cluster, which has only database 0',
			displayOptions: connection(['standalone', 'url', 'sentinel']),
		},
		{ displayName: 'TLS', name: 'tls', type: 'boolean', default: false, description: 'Whether to connect over TLS (managed Redis services usually require it)' },
		{
			displayName: 'CA Certificate',
			name: 'tlsCa',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: '-----BEGIN CERTIFICATE-----',
			description: 'PEM of the CA that signed the server certificate, when it is not a public one',
			displayOptions: { show: { tls: [true] } },
		},
		{
			displayName: 'Client Certificate',
			name: 'tlsCert',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description: 'PEM of a client certificate, when the server requires one (mutual TLS)',
			displayOptions: { show: { tls: [true] } },
		},
		// A private key is a secret though its name does not say so.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Client Key',
			name: 'tlsKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description: 'PEM of the client certificate\'s private key',
			displayOptions: { show: { tls: [true] } },
		},
		{
			displayName: 'Server Name',
			name: 'tlsServerName',
			type: 'string',
			default: '',
			description: 'The name the server certificate must carry, when it differs from the host you connect to',
			displayOptions: { show: { tls: [true] } },
		},
		{
			displayName: 'Verify Server Certificate',
			name: 'tlsVerify',
			type: 'boolean',
			default: true,
			description: 'Whether to refuse a server whose certificate does not verify; turn off only for testing',
			displayOptions: { show: { tls: [true] } },
		},
		{
			displayName: 'Namespace',
			name: 'namespace',
			type: 'string',
			default: 'chatflow:',
			description: 'Prefix of every key this package writes, so several n8n instances can share one Redis',
		},
	];
}
