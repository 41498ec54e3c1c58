/**
 * The compatibility table from `npm run test:versions` results: one row per n8n version, one
 * column per capability (the `[capability]` a smoke test's title starts with), then what failed.
 *
 *   tsx scripts/versionsReport.ts <results folder> <version>...
 *
 * Reads `<version>.json` (jest's --json output) or `<version>.install-failed` per version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface JestResults {
	testResults: Array<{
		message: string;
		assertionResults: Array<{ title: string; status: 'passed' | 'failed' | 'pending' | 'skipped' | 'todo'; failureMessages: string[] }>;
	}>;
}

type Cell = { status: 'passed' | 'failed' | 'not run'; detail?: string };

interface Row {
	version: string;
	/** Set when the version could not be installed or the run produced no results. */
	problem?: string;
	cells: Map<string, Cell>;
}

const CAPABILITY = /^\[([^\]]+)\]\s*/;

function firstLine(text: string): string {
	// jest failure messages carry ANSI colours and a stack; the first meaningful line says what failed.
	const clean = text.replace(/\u001b\[[0-9;]*m/g, '');
	return (clean.split('\n').find((line) => line.trim()) ?? '').trim().slice(0, 240);
}

function readRow(folder: string, version: string): Row {
	const row: Row = { version, cells: new Map() };
	const failedInstall = join(folder, `${version}.install-failed`);
	const results = join(folder, `${version}.json`);
	if (existsSync(failedInstall)) return { ...row, problem: `not installable: ${readFileSync(failedInstall, 'utf8').trim()}` };
	if (!existsSync(results)) return { ...row, problem: 'no results (the run did not finish)' };
	const parsed = JSON.parse(readFileSync(results, 'utf8')) as JestResults;
	for (const suite of parsed.testResults) {
		if (suite.assertionResults.length === 0 && suite.message) row.problem = `suite failed: ${firstLine(suite.message)}`;
		for (const test of suite.assertionResults) {
			const capability = CAPABILITY.exec(test.title)?.[1];
			if (!capability) continue;
			const cell: Cell =
				test.status === 'passed'
					? { status: 'passed' }
					: test.status === 'failed'
						? { status: 'failed', detail: firstLine(test.failureMessages.join('\n')) }
						: { status: 'not run' };
			row.cells.set(capability, cell);
		}
	}
	return row;
}

export function report(folder: string, versions: string[]): string {
	const rows = versions.map((version) => readRow(folder, version));
	const capabilities = [...new Set(rows.flatMap((row) => [...row.cells.keys()]))];
	const mark = (cell?: Cell) => (cell?.status === 'passed' ? 'works' : cell?.status === 'failed' ? '**fails**' : '–');
	const lines = [
		`| n8n | ${capabilities.join(' | ')} |`,
		`|---|${capabilities.map(() => '---').join('|')}|`,
		...rows.map((row) =>
			row.problem && row.cells.size === 0
				? `| ${row.version} | ${row.problem}${capabilities.slice(1).map(() => ' |').join('')} |`
				: `| ${row.version} | ${capabilities.map((capability) => mark(row.cells.get(capability))).join(' | ')} |`,
		),
	];
	const failures = rows.flatMap((row) => [
		...(row.problem ? [`- ${row.version}: ${row.problem}`] : []),
		...[...row.cells].filter(([, cell]) => cell.status === 'failed').map(([capability, cell]) => `- ${row.version} [${capability}]: ${cell.detail}`),
	]);
	return [...lines, ...(failures.length ? ['', 'What failed:', ...failures] : [])].join('\n');
}

if (require.main === module) {
	const [folder, ...versions] = process.argv.slice(2);
	if (!folder || versions.length === 0) {
		process.stderr.write('usage: tsx scripts/versionsReport.ts <results folder> <version>...\n');
		process.exit(2);
	}
	process.stdout.write(`\n${report(folder, versions)}\n`);
}
