import { createHash, timingSafeEqual } from 'node:crypto';

export interface HandshakeAnswer {
	status: 200 | 400 | 403;
	/** The challenge (text/plain) on success, a short reason otherwise. */
	body: string;
	reason?: string;
}

/**
 * Meta's subscription check: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`.
 * Answered with the challenge only when the token equals the one the user set; compared in
 * constant time (both sides hashed first so their lengths do not leak either).
 */
export function answerMetaHandshake(query: Record<string, unknown>, verifyToken: string): HandshakeAnswer {
	const mode = stringParam(query['hub.mode']);
	const token = stringParam(query['hub.verify_token']);
	const challenge = stringParam(query['hub.challenge']);
	if (mode !== 'subscribe' || challenge === undefined) {
		return { status: 400, body: 'Expected hub.mode=subscribe and hub.challenge', reason: 'not a subscription check' };
	}
	if (!verifyToken || token === undefined || !sameSecret(token, verifyToken)) {
		return { status: 403, body: 'Verify token does not match', reason: 'hub.verify_token does not match the credential' };
	}
	return { status: 200, body: challenge };
}

function sameSecret(a: string, b: string): boolean {
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(a), digest(b));
}

function stringParam(value: unknown): string | undefined {
	if (Array.isArray(value)) return stringParam(value[0]);
	return typeof value === 'string' ? value : undefined;
}
