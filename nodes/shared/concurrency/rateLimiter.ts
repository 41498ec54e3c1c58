import { sleep } from 'n8n-workflow';

/**
 * A token bucket (implemented as GCRA, "virtual scheduling"): each `acquire()` reserves the
 * next free slot synchronously, so concurrent callers are served in arrival order with no
 * polling, and the long-run rate never exceeds the rate while up to `burst` calls may start at
 * once after an idle period.
 *
 * When the platform says "too fast" although we kept to the configured rate (Meta's 130429:
 * the number's real throughput is lower than configured), `throttle()` halves the effective
 * rate and `pause(ms)` holds every caller back; the rate then grows back linearly (AIMD, as
 * TCP does), so the limiter settles just under what the platform accepts.
 */
export interface RateLimiterOptions {
	/** Sustained starts per second; values ≤ 0 or non-finite disable limiting. */
	ratePerSecond: number;
	/** Starts allowed back to back after idling; default: a tenth of a second's worth, at least 1. */
	burst?: number;
}

/** The effective rate never drops below this share of the configured one. */
const MIN_FACTOR = 1 / 64;
/** Share of the configured rate regained per second after a throttle. */
const RECOVERY_PER_SECOND = 0.1;
/** Concurrent requests that all fail with one 130429 wave count as one signal. */
const THROTTLE_QUIET_MS = 250;

export class RateLimiter {
	private rate = 0;

	private burst: number | undefined;

	private factor = 1;

	private lastRecovery = 0;

	private lastThrottle = -Infinity;

	/** Theoretical arrival time of the next start (GCRA). */
	private nextAt = 0;

	private pausedUntil = 0;

	/** Counts pauses, so sleepers can tell that their reservation was voided. */
	private pauses = 0;

	constructor(options: RateLimiterOptions, private readonly now: () => number = Date.now) {
		this.configure(options);
		this.lastRecovery = now();
	}

	/** Changes the rate in place (a node run with a new setting re-uses the account's limiter). */
	configure({ ratePerSecond, burst }: RateLimiterOptions): void {
		this.rate = Number.isFinite(ratePerSecond) && ratePerSecond > 0 ? ratePerSecond : 0;
		this.burst = burst;
	}

	/** The configured rate (Infinity when unlimited). */
	get ratePerSecond(): number {
		return this.rate === 0 ? Infinity : this.rate;
	}

	/** The rate in force now, after throttling. */
	get effectiveRatePerSecond(): number {
		return this.rate === 0 ? Infinity : this.rate * this.factor;
	}

	/** Milliseconds the caller must wait before starting; reserves the slot. */
	reserve(): number {
		const now = this.now();
		if (this.rate === 0) return Math.max(0, this.pausedUntil - now);
		this.recover(now);
		const rate = this.rate * this.factor;
		const interval = 1000 / rate;
		const slots = Math.max(1, Math.floor(this.burst ?? Math.ceil(rate / 10)));
		const tolerance = (slots - 1) * interval;
		const earliest = Math.max(now, this.pausedUntil);
		const start = Math.max(earliest, this.nextAt - tolerance);
		this.nextAt = Math.max(this.nextAt, earliest) + interval;
		return start - now;
	}

	/** Resolves when the caller may start one request. */
	async acquire(): Promise<void> {
		for (;;) {
			const wait = this.reserve();
			if (wait <= 0) return;
			const epoch = this.pauses;
			await sleep(wait);
			// A pause announced while we slept voids every reservation: queue again behind it,
			// so the callers resume spaced out instead of all at once.
			if (epoch === this.pauses) return;
		}
	}

	/** Holds every caller back for `ms` from now. */
	pause(ms: number): void {
		const until = this.now() + ms;
		if (until <= this.pausedUntil) return;
		this.pausedUntil = until;
		this.nextAt = until;
		this.pauses++;
	}

	/** The platform refused for throughput: halve the effective rate (once per wave of refusals). */
	throttle(): void {
		const now = this.now();
		if (now - this.lastThrottle < THROTTLE_QUIET_MS) return;
		this.lastThrottle = now;
		this.recover(now);
		this.factor = Math.max(MIN_FACTOR, this.factor / 2);
		this.lastRecovery = now;
	}

	private recover(now: number): void {
		if (this.factor < 1) this.factor = Math.min(1, this.factor + ((now - this.lastRecovery) / 1000) * RECOVERY_PER_SECOND);
		this.lastRecovery = now;
	}
}

/**
 * Limiters shared by key across the items of one execution and across executions in this
 * process (one per sending account, e.g. `whatsapp:<phone number id>`). In queue mode every
 * worker has its own: the platform's throughput errors are then absorbed by throttle + retry.
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
