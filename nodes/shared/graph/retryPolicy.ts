import type { GraphErrorInfo } from './types';

/**
 * Which failures are retried, and how long to wait. Source: channels.md §4. The rule that
 * overrides everything: never repeat a request that may have had its effect (a message
 * delivered) unless repeating it is harmless (`idempotent`).
 */
export type RetryClass = 'throughput' | 'rateLimit' | 'pairRate' | 'maintenance' | 'transient' | 'notSent';

const RETRYABLE_CODES: Record<number, RetryClass> = {
	4: 'rateLimit',
	613: 'rateLimit',
	80007: 'rateLimit',
	130429: 'throughput',
	131056: 'pairRate',
	131057: 'maintenance',
	1: 'transient',
	2: 'transient',
	131000: 'transient',
	131016: 'transient',
	1200: 'transient', // Messenger: temporary send message failure
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

/** Connection failures where the request never reached the server. */
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Retries after Meta's throughput error 130429, which is never delivered. */
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

/** The retry class of a failure, or undefined when it must not be retried. */
export function classifyFailure(info: GraphErrorInfo, idempotent: boolean): RetryClass | undefined {
	if (info.code !== undefined) {
		const known = RETRYABLE_CODES[info.code];
		if (known) return known;
		// Meta marks some errors transient; a send that was refused can be repeated.
		if (info.is_transient === true) return 'transient';
		// Any other Graph error is a decision by Meta (auth, policy, window, template): final.
		// Idempotent reads may still retry a 5xx.
		return idempotent && (info.http_status ?? 0) >= 500 ? 'transient' : undefined;
	}
	if (info.network_code !== undefined) {
		if (NOT_SENT_NETWORK_CODES.has(info.network_code)) return 'notSent';
		return idempotent ? 'transient' : undefined; // reset or timeout: the send may have gone through
	}
	const status = info.http_status ?? 0;
	if (status === 429) return 'rateLimit'; // refused before processing
	if (status >= 500 || status === 0) return idempotent ? 'transient' : undefined; // 5xx without a Graph error: may have been processed
	return undefined;
}

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

/**
 * Milliseconds the platform asked us to wait, from `Retry-After` (seconds or an HTTP date) or
 * Meta's usage headers (`estimated_time_to_regain_access`, in minutes).
 */
export function waitHintMs(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
	if (!headers) return undefined;
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (Number.isFinite(date)) return Math.max(0, date - now);
	}
	let minutes: number | undefined;
	for (const name of ['x-business-use-case-usage', 'x-ad-account-usage', 'x-app-usage']) {
		const raw = header(headers, name);
		if (!raw) continue;
		for (const match of raw.matchAll(/"estimated_time_to_regain_access"\s*:\s*(\d+)/g)) {
			minutes = Math.max(minutes ?? 0, Number(match[1]));
		}
	}
	return minutes ? minutes * 60_000 : undefined;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? String(value[0]) : String(value);
}
