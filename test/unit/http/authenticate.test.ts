import { authenticationOf, authenticatorFor, type PlatformCredentialType } from '../../../nodes/shared/http/authenticate';

/**
 * The layer applies each credential's own `authenticate` once per run and adds what it set to
 * every request. That holds only while those functions depend on the credential alone: this
 * test applies each to two unlike requests and expects the same additions.
 */
const CREDENTIALS: Record<PlatformCredentialType, Record<string, string>> = {
	chatflowWhatsAppApi: { accessToken: 'EAAG-wa' },
	chatflowMessengerApi: { accessToken: 'EAAG-page' },
	chatflowInstagramApi: { accessToken: 'IGQ-token' },
	chatflowMetaAppApi: { appId: '1234', appSecret: 'secret' },
	chatflowViberApi: { authToken: 'viber-token' },
};

describe('credential authentication in the HTTP layer', () => {
	it.each(Object.keys(CREDENTIALS) as PlatformCredentialType[])('%s adds the same header or query parameter to any request', async (type) => {
		const authenticate = authenticatorFor(type);
		const added = async (request: { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; qs?: Record<string, string> }) => {
			const applied = await authenticate(CREDENTIALS[type], { ...request, headers: { ...request.headers }, qs: { ...request.qs } });
			const headers = Object.fromEntries(Object.entries(applied.headers ?? {}).filter(([name]) => !(name in (request.headers ?? {}))));
			const qs = Object.fromEntries(Object.entries(applied.qs ?? {}).filter(([name]) => !(name in (request.qs ?? {}))));
			return { headers, qs };
		};
		const first = await added({ url: 'https://graph.facebook.com/v26.0/1/messages', method: 'POST', headers: { accept: 'x' } });
		const second = await added({ url: 'https://chatapi.viber.com/pa/get_account_info', method: 'GET', qs: { fields: 'id' } });
		expect(second).toEqual(first);
		expect(Object.keys(first.headers).length + Object.keys(first.qs).length).toBe(1);
		expect(await authenticationOf(type, CREDENTIALS[type])).toEqual(first);
	});
});
