import type { RetryClass } from './policy';

/**
 * The one set of "certainly not delivered" rules for failures without a platform answer, shared
 * by every transport. The rule above all others: a request that may have had its effect (a
 * message delivered) is repeated only when repeating it is harmless (`idempotent`).
 */

/** The connection never reached the platform: nothing can have been delivered. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	// The forward proxy refused or failed the CONNECT: the platform never saw the request.
	'ERR_PROXY_TUNNEL',
]);

/**
 * Never retried, whatever the request: n8n's outbound rules refused the target, the execution
 * was stopped, the answer was larger than allowed, redirects went round in circles, or the file
 * to upload could not be read as its metadata describes it.
 */
const FINAL_CODES: ReadonlySet<string> = new Set(['EGRESS_REFUSED', 'ECANCELED', 'E_RESPONSE_TOO_LARGE', 'E_TOO_MANY_REDIRECTS', 'EINVALIDURL', 'E_UPLOAD_SOURCE']);

/** The retry class of a failure without an answer, or undefined when it must not be retried. */
export function networkRetryClass(code: string, idempotent: boolean): RetryClass | undefined {
	if (FINAL_CODES.has(code)) return undefined;
	if (NOT_SENT_CODES.has(code)) return 'notSent';
	// A reset, a timeout or a closed socket after the request left: it may have been processed.
	return idempotent ? 'transient' : undefined;
}

/** Whether a failure code proves that the request never reached the platform. */
export function certainlyNotSent(code: string | undefined): boolean {
	return code !== undefined && NOT_SENT_CODES.has(code);
}
