import type { IDataObject } from 'n8n-workflow';

import { MessageFieldError } from '../fields';
import { INSTAGRAM_LOGIN_BASE_URL, type MetaAccount } from './account';

/**
 * Extends an Instagram Login user token (valid 60 days, refreshable once it is a day old) with
 * `GET /refresh_access_token?grant_type=ig_refresh_token`. The token is sent in the header by
 * the credential, never in the URL. The new token is a secret: it is returned only when the
 * user asks for it (to store it elsewhere); by default the output says when it expires.
 */
export async function refreshInstagramToken(
	account: MetaAccount,
	currentToken: string,
	includeToken: boolean,
	itemIndex: number,
): Promise<IDataObject> {
	if (account.graph.field('route') === 'page') {
		throw new MessageFieldError('route', 'page access tokens do not expire this way; token refresh is for the Instagram Login route');
	}
	const base = (account.graph.field('baseUrl') || INSTAGRAM_LOGIN_BASE_URL).replace(/\/+$/, '');
	const response = await account.graph.request<IDataObject>({
		method: 'GET',
		path: `${base}/refresh_access_token`,
		qs: { grant_type: 'ig_refresh_token' },
		itemIndex,
	});
	const expiresIn = Number(response.expires_in);
	const output: IDataObject = {
		channel: 'instagram',
		accountId: account.accountId,
		tokenType: response.token_type,
		expiresIn,
		expiresAt: Number.isFinite(expiresIn) ? new Date(Date.now() + expiresIn * 1000).toISOString() : undefined,
		// Compared, never output: tells the user whether the credential must be updated.
		tokenChanged: typeof response.access_token === 'string' && response.access_token !== currentToken,
	};
	if (includeToken) output.accessToken = response.access_token;
	return output;
}
