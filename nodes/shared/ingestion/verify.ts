import { verifyRequestSignature, verifyViberSignature } from '../webhook/signature';
import type { Channel } from './types';

export interface Verdict {
	ok: boolean;
	/** 401 when the signature header is missing, 403 when it does not match. */
	status?: 401 | 403;
	reason?: string;
}

const META_HEADER = 'x-hub-signature-256';
const VIBER_HEADER = 'x-viber-content-signature';

/**
 * Checks the platform signature over the untouched body bytes: Meta's `X-Hub-Signature-256`
 * (`sha256=<hex>` with the app secret, or the previous one during a rotation) or Viber's
 * `X-Viber-Content-Signature` (`<hex>` with the bot's auth token). Constant-time comparison.
 */
export function verifySignature(
	channel: Channel,
	headers: Record<string, string | string[] | undefined>,
	rawBody: Buffer,
	secrets: readonly string[],
): Verdict {
	const name = channel === 'viber' ? VIBER_HEADER : META_HEADER;
	const header = firstHeader(headers, name);
	if (!secrets.some((secret) => secret)) {
		return { ok: false, status: 403, reason: 'no secret configured to check signatures with' };
	}
	if (!header) return { ok: false, status: 401, reason: `missing ${name} header` };
	const valid = channel === 'viber' ? verifyViberSignature(rawBody, header, secrets) : verifyRequestSignature(rawBody, header, secrets);
	return valid ? { ok: true } : { ok: false, status: 403, reason: `${name} does not match the body` };
}

/** Header lookup that tolerates any casing and repeated headers (first one counts). */
export function firstHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
	let value = headers[name];
	if (value === undefined) {
		const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
		value = key === undefined ? undefined : headers[key];
	}
	return Array.isArray(value) ? value[0] : value;
}
