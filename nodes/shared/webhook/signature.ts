/**
 * Request signatures, the one place they are made and checked: HMAC-SHA256 over the untouched
 * body bytes, compared in constant time. Meta (`X-Hub-Signature-256: sha256=<hex>` with the app
 * secret: every Meta webhook and the WhatsApp Flows endpoint) and Viber
 * (`X-Viber-Content-Signature: <hex>` with the bot's auth token).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/**
 * Checks `X-Hub-Signature-256: sha256=<hex>` against the raw body, in constant time, with each
 * configured app secret (the current one and, during a rotation, the previous one).
 */
export function verifyRequestSignature(
	rawBody: Buffer,
	header: string | string[] | undefined,
	appSecrets: readonly string[],
): boolean {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || !value.startsWith(PREFIX)) return false;
	const received = Buffer.from(value.slice(PREFIX.length).trim(), 'hex');
	if (received.length !== 32) return false;
	let valid = false;
	for (const secret of appSecrets) {
		if (!secret) continue;
		const expected = createHmac('sha256', secret).update(rawBody).digest();
		// No early exit: every secret is checked, so timing says nothing about which one matched.
		if (timingSafeEqual(expected, received)) valid = true;
	}
	return valid;
}

/** The header value Meta would send for `rawBody` (used by tests, benchmarks and the simulator). */
export function signRequestBody(rawBody: Buffer | string, appSecret: string): string {
	return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/** Viber's header is the same HMAC-SHA256 hex as Meta's, without the `sha256=` prefix. */
export function verifyViberSignature(rawBody: Buffer, header: string, authTokens: readonly string[]): boolean {
	const hex = header.trim();
	if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
	return verifyRequestSignature(rawBody, `${PREFIX}${hex}`, authTokens);
}

/** The Viber signature header value for `rawBody` (tests, benchmarks, the simulator). */
export function signViberBody(rawBody: Buffer | string, authToken: string): string {
	return createHmac('sha256', authToken).update(rawBody).digest('hex');
}
