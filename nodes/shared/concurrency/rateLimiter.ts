import { sleep } from 'n8n-workflow';

/**
 * A token bucket (implemented as GCRA, "virtual scheduling"): each `acquire()` reserves the
 * next free slot synchronously, so concurrent callers are served in arrival order with no
 * polling, and the long-run rate never exceeds `ratePerSecond` while up to `burst` calls may
 * start at once after an idle period.
 *
 * `pause(ms)` stops every holder of this limiter (not only the caller) until the platform is
 * ready again: one 130429 answer slows the whole account down instead of each concurrent
 * request discovering the limit on its own.
 */
export interface RateLimiterOptions {
	/** Sustained starts per second; values ≤ 0 or non-finite disable limiting. */
	ratePerSecond: number;
	/** Starts allowed back to back after idling; default: a tenth of a second's worth, at least 1. */
	burst?: number;
}

export class RateLimiter {
	private intervalMs = 0;

	private toleranceMs = 0;

	/** Theoretical arrival time of the next start (GCRA). */
	private nextAt = 0;

	private pausedUntil = 0;

	private unlimited = false;

	constructor(options: RateLimiterOptions, private readonly now: () => number = Date.now) {
		this.configure(options);
	}

	/** Changes the rate in place (a node run with a new setting re-uses the account's limiter). */
	configure({ ratePerSecond, burst }: RateLimiterOptions): void {
		this.unlimited = !Number.isFinite(ratePerSecond) || ratePerSecond <= 0;
		if (this.unlimited) return;
		this.intervalMs = 1000 / ratePerSecond;
		const slots = Math.max(1, Math.floor(burst ?? Math.ceil(ratePerSecond / 10)));
		this.toleranceMs = (slots - 1) * this.intervalMs;
	}

	get ratePerSecond(): number {
		return this.unlimited ? Infinity : 1000 / this.intervalMs;
	}

	/** Milliseconds the caller must wait before starting; reserves the slot. */
	reserve(): number {
		const now = this.now();
		if (this.unlimited) return Math.max(0, this.pausedUntil - now);
		const earliest = Math.max(now, this.pausedUntil);
		const start = Math.max(earliest, this.nextAt - this.toleranceMs);
		this.nextAt = Math.max(this.nextAt, earliest) + this.intervalMs;
		return start - now;
	}

	/** Resolves when the caller may start one request. */
	async acquire(): Promise<void> {
		let wait = this.reserve();
		while (wait > 0) {
			await sleep(wait);
			// A pause may have been announced while we slept on an earlier reservation.
			wait = this.pausedUntil - this.now();
		}
	}

	/** Holds every caller back for `ms` from now (e.g. after Meta's throughput error 130429). */
	pause(ms: number): void {
		const until = this.now() + ms;
		if (until > this.pausedUntil) this.pausedUntil = until;
	}
}

/**
 * Limiters shared by key across the items of one execution and across executions in this
 * process (one per sending account, e.g. `whatsapp:<phone number id>`). In queue mode every
 * worker has its own: the platform's throughput errors are then absorbed by retry + pause.
 */
const registry = new Map<string, RateLimiter>();

export function getRateLimiter(key: string, options: RateLimiterOptions): RateLimiter {
	const existing = registry.get(key);
	if (existing) {
		existing.configure(options);
		return existing;
	}
	const limiter = new RateLimiter(options);
	registry.set(key, limiter);
	return limiter;
}

/** Forgets every shared limiter (tests). */
export function resetRateLimiters(): void {
	registry.clear();
}
