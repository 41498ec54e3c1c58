import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Flow tokens this package creates: `<base64url(JSON payload)>.<base64url(HMAC-SHA256-128)>`, the
 * payload `{ c: context, e: expiry (unix seconds) }`. Compact enough for a flow_token, readable
 * by anyone (it is not encrypted: put ids in the context, not secrets), forgeable by no one
 * without the token secret. This is how a Flow's answer finds its way back to its journey.
 */

export type FlowTokenContext = Record<string, unknown>;

export type FlowTokenCheck =
	| { status: 'ok'; context: FlowTokenContext; expiresAt: string }
	| { status: 'expired'; context: FlowTokenContext; expiresAt: string }
	| { status: 'forged' | 'malformed' };

interface TokenPayload {
	c: FlowTokenContext;
	e: number;
}

const MIN_SECRET_LENGTH = 16;

/** HMAC-SHA256 truncated to 128 bits (as in RFC 2104 §5): ample against forgery, 22 characters. */
const MAC_BYTES = 16;

function sign(secret: string, payloadPart: string): Buffer {
	return createHmac('sha256', secret).update(payloadPart).digest().subarray(0, MAC_BYTES);
}

function assertSecret(secret: string): void {
	if (secret.length < MIN_SECRET_LENGTH) {
		throw new Error(`Flow Token Secret must have at least ${MIN_SECRET_LENGTH} characters (32 random ones advised)`);
	}
}

export function createFlowToken(
	secret: string,
	context: FlowTokenContext,
	ttlSeconds: number,
	nowMs = Date.now(),
): string {
	assertSecret(secret);
	if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new Error('Expires In must be a positive number of seconds');
	const payload: TokenPayload = { c: context, e: Math.floor(nowMs / 1000) + Math.floor(ttlSeconds) };
	const payloadPart = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
	return `${payloadPart}.${sign(secret, payloadPart).toString('base64url')}`;
}

export function verifyFlowToken(secret: string, token: unknown, nowMs = Date.now()): FlowTokenCheck {
	assertSecret(secret);
	if (typeof token !== 'string') return { status: 'malformed' };
	const dot = token.indexOf('.');
	if (dot <= 0 || dot !== token.lastIndexOf('.')) return { status: 'malformed' };
	const payloadPart = token.slice(0, dot);
	const received = Buffer.from(token.slice(dot + 1), 'base64url');
	const expected = sign(secret, payloadPart);
	if (received.length !== expected.length || !timingSafeEqual(received, expected)) return { status: 'forged' };
	let payload: TokenPayload;
	try {
		payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as TokenPayload;
	} catch {
		return { status: 'malformed' };
	}
	if (typeof payload?.e !== 'number' || typeof payload.c !== 'object' || payload.c === null) return { status: 'malformed' };
	const expiresAt = new Date(payload.e * 1000).toISOString();
	if (nowMs >= payload.e * 1000) return { status: 'expired', context: payload.c, expiresAt };
	return { status: 'ok', context: payload.c, expiresAt };
}
