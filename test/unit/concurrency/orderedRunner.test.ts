import { runOrdered } from '../../../nodes/shared/concurrency';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runOrdered', () => {
	it('keeps input order whatever the finishing order, within the concurrency bound', async () => {
		let inFlight = 0;
		let peak = 0;
		const outcomes = await runOrdered(
			40,
			async (i) => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				await wait((40 - i) % 7);
				inFlight--;
				return i * 2;
			},
			{ concurrency: 5 },
		);
		expect(outcomes.map((o) => (o?.ok ? o.value : -1))).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
		expect(peak).toBe(5);
	});

	it('records failures per index and continues without stopOnError', async () => {
		const outcomes = await runOrdered(5, async (i) => {
			if (i % 2) throw new Error(`bad ${i}`);
			return i;
		}, { concurrency: 2 });
		expect(outcomes.map((o) => o?.ok)).toEqual([true, false, true, false, true]);
		expect((outcomes[3] as { error: Error }).error.message).toBe('bad 3');
	});

	it('starts nothing new after a failure with stopOnError', async () => {
		const started: number[] = [];
		const outcomes = await runOrdered(10, async (i) => {
			started.push(i);
			await wait(i === 0 ? 40 : 5); // item 1 fails while item 0 is still in flight
			if (i === 1) throw new Error('stop');
			return i;
		}, { concurrency: 2, stopOnError: true });
		expect(started).toEqual([0, 1]);
		expect(outcomes[0]).toEqual({ ok: true, value: 0 }); // in-flight work is awaited
		expect(outcomes.slice(2).every((o) => o === undefined)).toBe(true);
	});
});
