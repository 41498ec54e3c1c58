import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { createClient, describeTarget, type RedisCredentials } from './redisClient';

/**
 * The chatflowRedisApi credential test (`testedBy: 'chatflowRedisConnectionTest'`): connects
 * (TLS, AUTH, SELECT, Sentinel or Cluster discovery as configured), PINGs, and writes and reads
 * back a key under the namespace, on a client of its own that is closed afterwards. Every node
 * that offers the credential registers it under `methods.credentialTest`.
 */
export async function chatflowRedisConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as RedisCredentials;
	const where = describeTarget(data);
	let client: ReturnType<typeof createClient> | undefined;
	// ioredis reports why a connection failed (refused, WRONGPASS, TLS) as an event.
	let cause: Error | undefined;
	try {
		client = createClient(data);
		client.on('error', (error: Error) => (cause ??= error));
		await client.connect();
		const pong = await client.ping();
		if (pong !== 'PONG') return { status: 'Error', message: `${where} answered PING with ${JSON.stringify(pong)}` };
		const key = `${data.namespace ?? 'chatflow:'}credential-test`;
		await client.set(key, 'ok', 'PX', 10_000);
		if ((await client.get(key)) !== 'ok') return { status: 'Error', message: `${where} did not keep a test key` };
		return { status: 'OK', message: `Connected to ${where}: PING, SET and GET work` };
	} catch (error) {
		return { status: 'Error', message: `${where}: ${(cause ?? (error as Error)).message}` };
	} finally {
		client?.disconnect();
	}
}
