import type { IAuthenticate, ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { ChatflowInstagramApi } from '../../../credentials/ChatflowInstagramApi.credentials';
import { ChatflowMessengerApi } from '../../../credentials/ChatflowMessengerApi.credentials';
import { ChatflowMetaAppApi } from '../../../credentials/ChatflowMetaAppApi.credentials';
import { ChatflowViberApi } from '../../../credentials/ChatflowViberApi.credentials';
import { ChatflowWhatsAppApi } from '../../../credentials/ChatflowWhatsAppApi.credentials';

// The credentials authenticate with a function (n8n would evaluate a generic block's
// expressions on every request); the result must be what the generic block produced.
async function apply(authenticate: IAuthenticate | undefined, credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions) {
	if (typeof authenticate !== 'function') throw new Error('expected a function authenticate');
	return await authenticate(credentials, request);
}

const request = (): IHttpRequestOptions => ({ url: 'https://graph.facebook.com/v26.0/me', headers: { accept: 'application/json' }, qs: { fields: 'id' } });

describe('credential authenticate functions', () => {
	it.each([
		['WhatsApp', new ChatflowWhatsAppApi()],
		['Messenger', new ChatflowMessengerApi()],
		['Instagram', new ChatflowInstagramApi()],
	])('%s: Bearer token header, other headers and the request itself untouched', async (_, type) => {
		const original = request();
		const authenticated = await apply(type.authenticate, { accessToken: 'EAAG-token' }, original);
		expect(authenticated.headers).toEqual({ accept: 'application/json', Authorization: 'Bearer EAAG-token' });
		expect(authenticated.qs).toEqual({ fields: 'id' });
		expect(authenticated.url).toBe(original.url);
		expect(original.headers).toEqual({ accept: 'application/json' });
	});

	it('Viber: X-Viber-Auth-Token header', async () => {
		const authenticated = await apply(new ChatflowViberApi().authenticate, { authToken: 'viber-token' }, { url: 'https://chatapi.viber.com/pa/send_message' });
		expect(authenticated.headers).toEqual({ 'X-Viber-Auth-Token': 'viber-token' });
	});

	it('Meta App: app access token appId|appSecret in the query, existing query kept', async () => {
		const authenticated = await apply(new ChatflowMetaAppApi().authenticate, { appId: '123', appSecret: 's3cr3t' }, request());
		expect(authenticated.qs).toEqual({ fields: 'id', access_token: '123|s3cr3t' });
		expect(authenticated.headers).toEqual({ accept: 'application/json' });
	});

	it('a missing field renders as an empty string, as the generic block did', async () => {
		const authenticated = await apply(new ChatflowWhatsAppApi().authenticate, {}, { url: 'https://graph.facebook.com/x' });
		expect(authenticated.headers).toEqual({ Authorization: 'Bearer ' });
	});
});
