import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { ChatflowInstagramApi } from '../../../credentials/ChatflowInstagramApi.credentials';
import { ChatflowMessengerApi } from '../../../credentials/ChatflowMessengerApi.credentials';
import { ChatflowMetaAppApi } from '../../../credentials/ChatflowMetaAppApi.credentials';
import { ChatflowViberApi } from '../../../credentials/ChatflowViberApi.credentials';
import { ChatflowWhatsAppApi } from '../../../credentials/ChatflowWhatsAppApi.credentials';

/**
 * Authentication comes from the credential's own definition, in one place: each credential
 * class's `authenticate` (functions, see credentials/common/authenticate.ts), the same function
 * n8n's credentials helper applies for httpRequestWithAuthentication, so the header or query
 * parameter a credential sets is the same on both paths.
 *
 * The layer applies it once per run and adds what it set to every request of the run: these
 * functions set a header or a query parameter from the credential alone, whatever the request
 * (a test holds every credential type to that).
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

/** What a credential's `authenticate` adds to any request: headers and query parameters. */
export interface Authentication {
	headers: Record<string, string>;
	qs: IDataObject;
}

export async function authenticationOf(type: PlatformCredentialType, credentials: ICredentialDataDecryptedObject): Promise<Authentication> {
	const applied = await authenticatorFor(type)(credentials, { url: '', headers: {}, qs: {} });
	return { headers: { ...(applied.headers as Record<string, string>) }, qs: { ...applied.qs } };
}

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
