import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

/**
 * n8n-core's execute context as an n8n 1.x hands it to a node: without
 * `helpers.getSecureEgressFilter` (added in 2.x), so the package's HTTP layer falls back to
 * n8n's `httpRequestWithAuthentication`. Each request handed to that helper is pushed to `sent`
 * (secrets included: for assertions only), then sent by n8n-core as usual.
 */
export function asN8n1(context: IExecuteFunctions, sent: IHttpRequestOptions[]): IExecuteFunctions {
	const { getSecureEgressFilter: _addedIn2, ...helpers } = context.helpers;
	const send = helpers.httpRequestWithAuthentication;
	helpers.httpRequestWithAuthentication = async function (this: IExecuteFunctions, ...args: Parameters<typeof send>) {
		sent.push(args[1]);
		return await send.apply(this, args);
	};
	return Object.create(context, { helpers: { value: helpers } }) as IExecuteFunctions;
}
