import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `CHATFLOW_BENCH_PROFILE=<dir>`: the benchmark's n8n writes a V8 CPU profile there when it
 * stops (open it in Chrome DevTools, or summarise it by package and function). Off by default:
 * the profiler itself slows n8n down by a third or more, so figures from a profiled run are
 * not comparable with the README's.
 */
export function profileNodeArgs(): string[] {
	const dir = process.env.CHATFLOW_BENCH_PROFILE;
	return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** When one turn of a conversation ran, on the clock V8's CPU profiles use (CLOCK_MONOTONIC, µs). */
export interface TurnWindow {
	conversation: number;
	turn: number;
	fromUs: number;
	toUs: number;
}

/** CLOCK_MONOTONIC in microseconds: the same clock in every process, so it lines up with the profile's samples. */
export function monotonicUs(): number {
	return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Next to the profile, `turns-<label>.json`: when each turn ran, so the profile's samples can be
 * split by turn (what turn 20 spends that turn 1 does not). Written only while profiling.
 */
export function writeTurnWindows(label: string, windows: TurnWindow[]): void {
	const dir = process.env.CHATFLOW_BENCH_PROFILE;
	if (dir) writeFileSync(join(dir, `turns-${label}.json`), JSON.stringify(windows));
}
