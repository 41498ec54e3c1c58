/**
 * Runs `count` tasks with at most `concurrency` in flight and returns their outcomes in input
 * order, whatever order they finish in. With `stopOnError`, no new task starts after a failure;
 * tasks already running are awaited (their requests are on the wire and cannot be recalled) and
 * the outcomes of tasks never started are left `undefined`.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface OrderedRunOptions {
	concurrency: number;
	stopOnError?: boolean;
}

export async function runOrdered<T>(
	count: number,
	task: (index: number) => Promise<T>,
	{ concurrency, stopOnError = false }: OrderedRunOptions,
): Promise<Array<Outcome<T> | undefined>> {
	const outcomes: Array<Outcome<T> | undefined> = new Array(count);
	let next = 0;
	let failed = false;
	const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));

	const lane = async () => {
		while (next < count && !(stopOnError && failed)) {
			const index = next++;
			try {
				outcomes[index] = { ok: true, value: await task(index) };
			} catch (error) {
				outcomes[index] = { ok: false, error };
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: lanes }, lane));
	return outcomes;
}
