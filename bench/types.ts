/** What a benchmark file (`bench/<name>.bench.ts`) exports as default. */
export type Benchmark = (context: BenchContext) => Promise<BenchResult>;

export interface BenchContext {
	/** Arguments after the benchmark's name: `npm run bench -- send --n=20000` gives ['--n=20000']. */
	args: string[];
	/** Progress line on stderr (the table goes to stdout). */
	log(message: string): void;
	/** `--name=value` from args, else the fallback. */
	option(name: string, fallback: number): number;
}

export interface BenchResult {
	/** Measured values, named as the issue that asked for the benchmark names them. */
	figures: Record<string, number>;
	/** Each against a baseline measured in the same run, never a stored number. */
	ratios: Record<string, number>;
	/** Free text printed under the table (what was compared, and how). */
	notes?: string[];
}
