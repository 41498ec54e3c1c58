import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * `authenticate` as a function rather than a generic `={{$credentials.x}}` block: n8n's
 * credentials helper evaluates a generic block's expressions on every request, which at a
 * thousand sends a second is a measurable share of n8n's CPU; a function only copies a string.
 * The credential `test` requests are unaffected (they stay declarative).
 */
export type AuthenticateFunction = (
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** Sets header `name` to `prefix` + the credential field `field`. */
export function headerFromField(name: string, field: string, prefix = ''): AuthenticateFunction {
	return async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, [name]: `${prefix}${fieldText(credentials, field)}` },
	});
}

/** Sets query parameter `name` to what `value` derives from the credential. */
export function queryFromCredentials(
	name: string,
	value: (credentials: ICredentialDataDecryptedObject) => string,
): AuthenticateFunction {
	return async (credentials, requestOptions) => ({
		...requestOptions,
		qs: { ...requestOptions.qs, [name]: value(credentials) },
	});
}

/** A credential field as the generic block rendered it: missing → empty string. */
export function fieldText(credentials: ICredentialDataDecryptedObject, field: string): string {
	const value = credentials[field];
	return value === undefined || value === null ? '' : String(value);
}
