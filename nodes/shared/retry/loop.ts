import { setTimeout as wait } from 'node:timers/promises';

import type { RateLimiter } from '../concurrency';
import { backoffDelay, type RetryClass, type RetryPolicy } from './policy';

export type AttemptOutcome<T, F> = { ok: true; value: T } | { ok: false; failure: F };

/** What a transport tells the shared retry loop about one kind of request. */
export interface RetryLoop<T, F> {
	/** Who answers, for messages: "Meta", "Viber". */
	platform: string;
	policy: RetryPolicy;
	/** Acquired before every attempt (the sending account's throughput). */
	limiter?: RateLimiter;
	/** The execution's cancel signal: no new attempt and no further wait once it fires. */
	signal?: AbortSignal;
	attempt(): Promise<AttemptOutcome<T, F>>;
	/** The retry class of a failure, or undefined when it is final. */
	classify(failure: F): RetryClass | undefined;
	/** Milliseconds the platform asked to wait (Retry-After and the like). */
	hintMs(failure: F): number | undefined;
	/** The error thrown when giving up; `note` says why it was not retried further. */
	fail(failure: F, attempts: number, note?: string): Error;
	/** Called before each wait (logging). */
	onRetry?(failure: F, retryClass: RetryClass, attempt: number, delayMs: number): void;
}

/**
 * The retry loop of every platform transport: attempt under the limiter, classify, back off.
 * A throughput or rate-limit refusal concerns the whole account: it lowers and pauses the
 * request's limiter, so every concurrent sender of that account backs off together, and the
 * retry's own wait then stays short instead of growing per item.
 */
export async function withRetries<T, F>(loop: RetryLoop<T, F>): Promise<T> {
	const { policy, limiter, signal } = loop;
	for (let attempt = 1; ; attempt++) {
		if (limiter) await limiter.acquire();
		const outcome = await loop.attempt();
		if (outcome.ok) return outcome.value;

		const { failure } = outcome;
		const retryClass = loop.classify(failure);
		if (!retryClass || signal?.aborted) throw loop.fail(failure, attempt);
		// A throughput refusal was certainly not delivered: it may be retried for longer.
		const maxRetries = retryClass === 'throughput' ? Math.max(policy.maxRetries, policy.maxThroughputRetries) : policy.maxRetries;
		if (attempt > maxRetries) throw loop.fail(failure, attempt, `Gave up after ${attempt} attempts.`);
		const hint = loop.hintMs(failure);
		if (hint !== undefined && hint > policy.maxHintMs) {
			throw loop.fail(failure, attempt, `${loop.platform} asks to wait ${Math.ceil(hint / 1000)} s before trying again; not retried.`);
		}
		const accountWide = limiter !== undefined && (retryClass === 'throughput' || retryClass === 'rateLimit');
		const backoffStep = accountWide && retryClass === 'throughput' ? Math.min(attempt, 2) : attempt;
		const delay = Math.max(backoffDelay(retryClass, backoffStep, policy), hint ?? 0);
		if (accountWide) {
			limiter.throttle();
			limiter.pause(Math.max(hint ?? 0, policy.baseDelayMs));
		}
		loop.onRetry?.(failure, retryClass, attempt, delay);
		try {
			await wait(delay, undefined, { signal });
		} catch {
			throw loop.fail(failure, attempt, 'The execution was stopped while waiting to retry.');
		}
	}
}
