/**
 * Retries for every platform transport (Graph API, Viber): one policy and backoff, one set of
 * "certainly not delivered" rules, one loop. Each platform adds only its table of answers that
 * may be retried (Meta's error codes, Viber's status 12).
 */
export { backoffDelay, DEFAULT_RETRY_POLICY, headerText, retryAfterMs } from './policy';
export type { RetryClass, RetryPolicy } from './policy';
export { certainlyNotSent, networkRetryClass } from './delivery';
export { withRetries } from './loop';
export type { AttemptOutcome, RetryLoop } from './loop';
