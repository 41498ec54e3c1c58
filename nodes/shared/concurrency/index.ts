/**
 * Concurrency for action nodes (WhatsApp, Messenger, Instagram, Viber).
 *
 * - `getRateLimiter(key, { ratePerSecond, burst })`: the account's token bucket, shared across
 *   items and executions in this process; `await limiter.acquire()` before each request,
 *   `limiter.pause(ms)` when the platform says "slow down".
 * - `executeItemsConcurrently(this, perItem, { concurrency, describeError })`: the per-item
 *   loop with bounded concurrency, output order = input order, pairedItem, continueOnFail.
 * - `runOrdered(count, task, { concurrency, stopOnError })`: the same without n8n types.
 */
export { RateLimiter, getRateLimiter, resetRateLimiters } from './rateLimiter';
export type { RateLimiterOptions } from './rateLimiter';
export { runOrdered } from './orderedRunner';
export type { Outcome, OrderedRunOptions } from './orderedRunner';
export { executeItemsConcurrently } from './executeItems';
export type { ExecuteItemsOptions, ItemResult } from './executeItems';
