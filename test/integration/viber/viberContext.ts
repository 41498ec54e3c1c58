import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { ChatflowViberApi } from '../../../credentials/ChatflowViberApi.credentials';
import { createExecuteContext, type ExecuteContextOptions, type TestExecuteContext } from '../../support/executeContext';

/**
 * Adapter over the shared test execute context: that context applies the Graph credentials'
 * `authenticate`; this adds the Viber credential's (X-Viber-Auth-Token), applied by the
 * credential class itself, so a wrong header name fails against FakePlatform's token check.
 */
export function createViberContext(
	options: Omit<ExecuteContextOptions, 'credentials'> & { credentials: ICredentialDataDecryptedObject },
): TestExecuteContext {
	const context = createExecuteContext({
		...options,
		nodeType: 'n8n-nodes-chatflow.chatflowViber',
		credentials: { chatflowViberApi: options.credentials },
	});
	const send = context.helpers.httpRequestWithAuthentication;
	const { authenticate } = new ChatflowViberApi();
	context.helpers.httpRequestWithAuthentication = async function (this: unknown, type: string, request: IHttpRequestOptions) {
		const authenticated = typeof authenticate === 'function' ? await authenticate(options.credentials, { ...request }) : request;
		return await send.call(context, type, authenticated);
	};
	return context;
}
