/**
 * How long to wait before a retry, for every platform transport (Graph API and Viber). Which
 * failures are retried at all is each platform's table (graph/retryPolicy.ts,
 * viber/statusCodes.ts) plus the shared rules for failures without an answer (delivery.ts).
 */
export type RetryClass = 'throughput' | 'rateLimit' | 'pairRate' | 'maintenance' | 'transient' | 'notSent';

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Retries after a throughput refusal (Meta's 130429, Viber's status 12), which is never delivered. */
	maxThroughputRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A platform hint longer than this (e.g. "regain access in 20 minutes") fails at once. */
	maxHintMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 6,
	maxThroughputRetries: 12,
	baseDelayMs: 400,
	maxDelayMs: 30_000,
	maxHintMs: 60_000,
};

/** How much longer than the base delay each class waits. */
const CLASS_FACTOR: Record<RetryClass, number> = {
	throughput: 1,
	transient: 1,
	notSent: 1,
	rateLimit: 4,
	pairRate: 4,
	maintenance: 8,
};

/** Exponential backoff with equal jitter: half fixed, half random, so retries spread out. */
export function backoffDelay(
	retryClass: RetryClass,
	retryNumber: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * CLASS_FACTOR[retryClass] * 2 ** (retryNumber - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Milliseconds a `Retry-After` header (seconds or an HTTP date) asks to wait. */
export function retryAfterMs(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
	const retryAfter = headerText(headers, 'retry-after');
	if (!retryAfter) return undefined;
	const seconds = Number(retryAfter);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(retryAfter);
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** One header as text (Node gives arrays for repeated headers). */
export function headerText(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const value = headers?.[name];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? String(value[0]) : String(value);
}
