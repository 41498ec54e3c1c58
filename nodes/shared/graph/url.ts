import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const DEFAULT_BASE_URL = 'https://graph.facebook.com';

/**
 * `{baseUrl}/{apiVersion}{path}` from the credential; absolute URLs pass through unchanged.
 * The version is a credential setting (n8n's built-in node pins v13.0).
 */
export function buildGraphUrl(credentials: ICredentialDataDecryptedObject, path: string): string {
	if (/^https?:\/\//i.test(path)) return path;
	const base = String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
	const version = String(credentials.apiVersion ?? '').replace(/^\/+|\/+$/g, '');
	const suffix = path.startsWith('/') ? path : `/${path}`;
	return version ? `${base}/${version}${suffix}` : `${base}${suffix}`;
}

/** Encodes one path segment (ids come from user input and expressions). */
export function segment(value: string | number): string {
	return encodeURIComponent(String(value).trim());
}
