/**
 * `npm run bench` runs every bench/<name>.bench.ts; `npm run bench -- <name> [options]` one.
 * Each writes bench/results/<name>.json:
 *   { "benchmark", "machine": {...}, "figures": {...}, "ratios": {...} }
 * and prints a table. Ratios are always against a baseline measured in the same run.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describeMachine } from './machine';
import type { BenchContext, BenchResult, Benchmark } from './types';

const BENCH_DIR = __dirname;
const RESULTS_DIR = join(BENCH_DIR, 'results');

function available(): string[] {
	return readdirSync(BENCH_DIR)
		.filter((file) => file.endsWith('.bench.ts'))
		.map((file) => file.replace(/\.bench\.ts$/, ''))
		.sort();
}

function context(args: string[]): BenchContext {
	return {
		args,
		log: (message) => process.stderr.write(`[bench] ${message}\n`),
		option(name, fallback) {
			const match = args.find((arg) => arg.startsWith(`--${name}=`));
			const value = match ? Number(match.split('=')[1]) : fallback;
			if (!Number.isFinite(value)) throw new Error(`--${name} must be a number`);
			return value;
		},
	};
}

function format(value: number): string {
	if (Number.isInteger(value)) return value.toLocaleString('en-US');
	return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(3);
}

function printTable(name: string, result: BenchResult): void {
	const rows: Array<[string, string, string]> = [
		...Object.entries(result.figures).map(([key, value]): [string, string, string] => ['figure', key, format(value)]),
		...Object.entries(result.ratios).map(([key, value]): [string, string, string] => ['ratio', key, `${format(value)}×`]),
	];
	const width = Math.max(...rows.map((row) => row[1].length), 10);
	process.stdout.write(`\n${name}\n${'-'.repeat(width + 24)}\n`);
	for (const [kind, key, value] of rows) process.stdout.write(`${kind.padEnd(7)} ${key.padEnd(width)} ${value.padStart(14)}\n`);
	for (const note of result.notes ?? []) process.stdout.write(`  ${note}\n`);
}

async function runOne(name: string, args: string[]): Promise<void> {
	const module = (await import(join(BENCH_DIR, `${name}.bench.ts`))) as { default: Benchmark | { default: Benchmark } };
	const benchmark = typeof module.default === 'function' ? module.default : module.default.default;
	const started = Date.now();
	const result = await benchmark(context(args));
	const record = { benchmark: name, machine: describeMachine(), figures: result.figures, ratios: result.ratios };
	mkdirSync(RESULTS_DIR, { recursive: true });
	writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
	printTable(name, result);
	process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s; bench/results/${name}.json)\n`);
}

async function main(): Promise<void> {
	const [name, ...args] = process.argv.slice(2);
	const names = available();
	if (name && !names.includes(name)) {
		throw new Error(`no benchmark "${name}"; available: ${names.join(', ')}`);
	}
	for (const each of name ? [name] : names) await runOne(each, name ? args : []);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`[bench] failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
		process.exit(1);
	},
);
