import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { RedisConnection } from './redisConnection';
import type { RedisCredentials } from './index';

/**
 * The chatflowRedisApi credential test (`testedBy: 'chatflowRedisConnectionTest'`): connects with
 * AUTH and SELECT, PINGs, and writes + reads back a key under the namespace, on a connection of
 * its own that is closed afterwards. Every node that offers the credential registers it under
 * `methods.credentialTest`.
 */
export async function chatflowRedisConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as RedisCredentials;
	const connection = new RedisConnection({
		host: data.host || '127.0.0.1',
		port: Number(data.port) || 6379,
		username: data.username || undefined,
		password: data.password || undefined,
		database: Number(data.database) || 0,
		connectTimeoutMs: 5_000,
		commandTimeoutMs: 5_000,
	});
	try {
		const pong = await connection.command(['PING']);
		if (pong !== 'PONG') return { status: 'Error', message: `Redis answered PING with ${JSON.stringify(pong)}` };
		const key = `${data.namespace ?? 'chatflow:'}credential-test`;
		await connection.command(['SET', key, 'ok', 'PX', '10000']);
		if ((await connection.command(['GET', key])) !== 'ok') return { status: 'Error', message: 'Redis did not keep a test key' };
		return { status: 'OK', message: 'Connected: PING, SET and GET work' };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	} finally {
		connection.close();
	}
}
