import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';

import { ChatflowInstagramApi } from '../../../credentials/ChatflowInstagramApi.credentials';
import { ChatflowMessengerApi } from '../../../credentials/ChatflowMessengerApi.credentials';
import { ChatflowMetaAppApi } from '../../../credentials/ChatflowMetaAppApi.credentials';
import { ChatflowViberApi } from '../../../credentials/ChatflowViberApi.credentials';
import { ChatflowWhatsAppApi } from '../../../credentials/ChatflowWhatsAppApi.credentials';

/**
 * Authentication comes from the credential's own definition, in one place: each credential
 * class's `authenticate` (functions, see credentials/common/authenticate.ts) is applied to the
 * request here exactly as n8n's credentials helper applies it for httpRequestWithAuthentication,
 * so the header or query a credential sets is the same on both paths.
 */
const CREDENTIAL_TYPES = {
	chatflowWhatsAppApi: ChatflowWhatsAppApi,
	chatflowMessengerApi: ChatflowMessengerApi,
	chatflowInstagramApi: ChatflowInstagramApi,
	chatflowMetaAppApi: ChatflowMetaAppApi,
	chatflowViberApi: ChatflowViberApi,
} satisfies Record<string, new () => ICredentialType>;

export type PlatformCredentialType = keyof typeof CREDENTIAL_TYPES;

type Authenticate = (credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

const authenticators = new Map<PlatformCredentialType, Authenticate>();

export function authenticatorFor(type: PlatformCredentialType): Authenticate {
	let authenticate = authenticators.get(type);
	if (!authenticate) {
		const definition = new CREDENTIAL_TYPES[type]().authenticate;
		if (typeof definition !== 'function') throw new Error(`credential ${type}: authenticate must be a function to be applied outside n8n's helper`);
		authenticate = definition as Authenticate;
		authenticators.set(type, authenticate);
	}
	return authenticate;
}
