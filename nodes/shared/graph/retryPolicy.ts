import { headerText, networkRetryClass, retryAfterMs, type RetryClass } from '../retry';
import type { GraphErrorInfo } from './types';

/**
 * Which Graph API failures are retried, by Meta's error codes and HTTP statuses. Backoff, the loop and the rules for
 * failures without an answer are shared with every transport (../retry). The rule that
 * overrides everything: never repeat a request that may have had its effect (a message
 * delivered) unless repeating it is harmless (`idempotent`).
 */
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
	if (info.network_code !== undefined) return networkRetryClass(info.network_code, idempotent);
	const status = info.http_status ?? 0;
	if (status === 429) return 'rateLimit'; // refused before processing
	if (status >= 500 || status === 0) return idempotent ? 'transient' : undefined; // 5xx without a Graph error: may have been processed
	return undefined;
}

/**
 * Milliseconds Meta asked us to wait: `Retry-After` (seconds or an HTTP date), or its usage
 * headers (`estimated_time_to_regain_access`, in minutes).
 */
export function waitHintMs(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
	const retryAfter = retryAfterMs(headers, now);
	if (retryAfter !== undefined) return retryAfter;
	let minutes: number | undefined;
	for (const name of ['x-business-use-case-usage', 'x-ad-account-usage', 'x-app-usage']) {
		const raw = headerText(headers, name);
		if (!raw) continue;
		for (const match of raw.matchAll(/"estimated_time_to_regain_access"\s*:\s*(\d+)/g)) {
			minutes = Math.max(minutes ?? 0, Number(match[1]));
		}
	}
	return minutes ? minutes * 60_000 : undefined;
}
