import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { loadPrivateKey, PrivateKeyError } from './privateKey';
import type { KeyObject } from 'node:crypto';

/** The chatflowFlowsEndpointApi credential as the Flows nodes read it. */
export interface FlowsEndpointCredential {
	privateKey: string;
	passphrase: string;
	appSecrets: string[];
	tokenSecret: string;
}

export const FLOWS_ENDPOINT_CREDENTIAL = 'chatflowFlowsEndpointApi';
/** Name of `methods.credentialTest` on every node that uses the credential. */
export const FLOWS_ENDPOINT_CREDENTIAL_TEST = 'chatflowFlowsEndpointApiTest';

export function readFlowsCredential(data: ICredentialDataDecryptedObject): FlowsEndpointCredential {
	const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
	return {
		privateKey: text('privateKey'),
		passphrase: text('passphrase'),
		appSecrets: [text('appSecret'), text('previousAppSecret')].filter((secret) => secret !== ''),
		tokenSecret: text('tokenSecret'),
	};
}

export function privateKeyOf(credential: FlowsEndpointCredential): KeyObject {
	return loadPrivateKey(credential.privateKey, credential.passphrase);
}

/**
 * Parses the key (wrong passphrase, not RSA and not 2048 bits are reported as such) and checks
 * the secrets' shape. Nothing is sent anywhere: there is no Meta call that proves the key.
 */
export async function testFlowsEndpointCredential(credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = readFlowsCredential(credential.data ?? {});
	try {
		privateKeyOf(data);
	} catch (error) {
		if (error instanceof PrivateKeyError) return { status: 'Error', message: error.message };
		return { status: 'Error', message: 'Private Key could not be parsed' };
	}
	if (data.tokenSecret !== '' && data.tokenSecret.length < 16) {
		return { status: 'Error', message: 'Flow Token Secret must have at least 16 characters (32 random ones advised)' };
	}
	const note = data.appSecrets.length === 0 ? ' (no App Secret: request signatures cannot be checked)' : '';
	return { status: 'OK', message: `RSA-2048 private key parsed${note}` };
}
