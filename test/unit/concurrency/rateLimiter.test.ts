import { getRateLimiter, RateLimiter, resetRateLimiters } from '../../../nodes/shared/concurrency';

describe('RateLimiter (GCRA token bucket)', () => {
	it('spaces reservations at 1/rate after the burst is used up', () => {
		let now = 1_000;
		const limiter = new RateLimiter({ ratePerSecond: 100, burst: 3 }, () => now);
		const waits = Array.from({ length: 6 }, () => limiter.reserve());
		// 3 immediately, then one every 10 ms
		expect(waits.map((w) => Math.round(w))).toEqual([0, 0, 0, 10, 20, 30]);
		now += 1_000; // idle refills the bucket
		expect(Math.round(limiter.reserve())).toBe(0);
	});

	it('never exceeds the rate over a long run', () => {
		let now = 0;
		const limiter = new RateLimiter({ ratePerSecond: 80 }, () => now);
		const starts = Array.from({ length: 800 }, () => now + limiter.reserve());
		const lastStart = Math.max(...starts);
		// 800 starts at 80/s with a burst of 8: at least (800 - 8) / 80 s
		expect(lastStart).toBeGreaterThanOrEqual(((800 - 8) / 80) * 1000 - 1);
		expect(lastStart).toBeLessThanOrEqual((800 / 80) * 1000);
	});

	it('pause() holds back new reservations for every caller', () => {
		let now = 0;
		const limiter = new RateLimiter({ ratePerSecond: 1000, burst: 10 }, () => now);
		limiter.pause(500);
		expect(limiter.reserve()).toBe(500);
		now = 600;
		expect(limiter.reserve()).toBeLessThan(5);
	});

	it('acquire() really waits', async () => {
		const limiter = new RateLimiter({ ratePerSecond: 50, burst: 1 });
		const started = Date.now();
		for (let i = 0; i < 4; i++) await limiter.acquire();
		expect(Date.now() - started).toBeGreaterThanOrEqual(55); // 3 intervals of 20 ms
	});

	it('is unlimited for a rate of 0', () => {
		const limiter = new RateLimiter({ ratePerSecond: 0 });
		expect(Array.from({ length: 100 }, () => limiter.reserve()).every((w) => w === 0)).toBe(true);
	});

	it('shares one limiter per key and updates its rate', () => {
		resetRateLimiters();
		const a = getRateLimiter('whatsapp:1', { ratePerSecond: 80 });
		const b = getRateLimiter('whatsapp:1', { ratePerSecond: 200 });
		expect(b).toBe(a);
		expect(a.ratePerSecond).toBeCloseTo(200);
		expect(getRateLimiter('whatsapp:2', { ratePerSecond: 80 })).not.toBe(a);
	});
});

describe('RateLimiter under platform refusals (AIMD)', () => {
	it('throttle() halves the effective rate once per wave and recovers linearly', () => {
		let now = 0;
		const limiter = new RateLimiter({ ratePerSecond: 1000 }, () => now);
		limiter.throttle();
		limiter.throttle(); // same wave: ignored
		expect(limiter.effectiveRatePerSecond).toBeCloseTo(500);
		now = 300;
		limiter.throttle();
		expect(limiter.effectiveRatePerSecond).toBeLessThan(300);
		now = 10_300; // 10 s at +10 % of the configured rate per second
		limiter.reserve();
		expect(limiter.effectiveRatePerSecond).toBe(1000);
	});

	it('a pause voids reservations made before it, so sleepers resume spaced out', async () => {
		const limiter = new RateLimiter({ ratePerSecond: 50, burst: 1 });
		const started: number[] = [];
		const t0 = Date.now();
		const waiters = Array.from({ length: 5 }, async () => {
			await limiter.acquire();
			started.push(Date.now() - t0);
		});
		await new Promise((resolve) => setTimeout(resolve, 2));
		limiter.pause(100);
		await Promise.all(waiters);
		const afterPause = started.filter((t) => t >= 95).sort((a, b) => a - b);
		expect(afterPause.length).toBeGreaterThanOrEqual(4);
		// resumed at 20 ms spacing (50/s, 60 ms for 4), not all at once
		expect(afterPause[afterPause.length - 1] - afterPause[0]).toBeGreaterThanOrEqual(40);
	});
});
