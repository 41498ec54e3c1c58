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
