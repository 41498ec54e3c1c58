import { networkCodeOf } from '../graph';

/** How a transport retries answers that certainly were not delivered (Viber status 12). */
export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Delay before the first retry; doubled each time, with ±25 % jitter. */
	initialDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_VIBER_RETRY: RetryPolicy = { maxRetries: 4, initialDelayMs: 1000, maxDelayMs: 30_000 };

export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
	const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** retry);
	return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Network errors where the request certainly did not reach the platform (nothing to duplicate).
 * A reset, a timeout or a closed socket after sending may have delivered the message: never
 * retried for sends.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function certainlyNotSent(error: unknown): boolean {
	const code = networkCodeOf(error);
	return code !== undefined && NOT_SENT_CODES.has(code);
}
