/**
 * n8n start-up with this package loaded vs the same n8n without it, alternating runs in one
 * process so both see the same machine state. What loading the package costs a user's n8n.
 * Options: --runs=3
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nInstance, freePort } from '../scripts/n8n/instance';
import type { BenchContext, BenchResult } from './types';

async function timeStart(withPackage: boolean): Promise<{ ms: number; rssMb: number }> {
	const userFolder = mkdtempSync(join(tmpdir(), 'chatflow-bench-startup-'));
	const emptyPackage = mkdtempSync(join(tmpdir(), 'chatflow-bench-nopackage-'));
	const started = performance.now();
	const n8n = await N8nInstance.start({
		userFolder,
		port: await freePort(),
		// Without the package, the community folder links to an empty folder n8n skips.
		packageDir: withPackage ? undefined : emptyPackage,
	});
	try {
		await n8n.waitUntilReady();
		const ms = performance.now() - started;
		const rssMb = readRssMb(n8n.pid);
		return { ms, rssMb };
	} finally {
		await n8n.stop();
		rmSync(userFolder, { recursive: true, force: true });
		rmSync(emptyPackage, { recursive: true, force: true });
	}
}

function readRssMb(pid: number): number {
	try {
		const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8') as string;
		const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
		return kb / 1024;
	} catch {
		return 0;
	}
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function startup(context: BenchContext): Promise<BenchResult> {
	const runs = context.option('runs', 3);
	const withPackage: number[] = [];
	const without: number[] = [];
	const rssWith: number[] = [];
	const rssWithout: number[] = [];
	for (let run = 0; run < runs; run++) {
		context.log(`run ${run + 1}/${runs}: plain n8n`);
		const plain = await timeStart(false);
		without.push(plain.ms);
		rssWithout.push(plain.rssMb);
		context.log(`run ${run + 1}/${runs}: n8n with n8n-nodes-chatflow`);
		const loaded = await timeStart(true);
		withPackage.push(loaded.ms);
		rssWith.push(loaded.rssMb);
	}
	const figures = {
		n8n_startup_ms_with_package: median(withPackage),
		n8n_startup_ms_plain: median(without),
		n8n_rss_mb_with_package: median(rssWith),
		n8n_rss_mb_plain: median(rssWithout),
	};
	return {
		figures,
		ratios: {
			startup_vs_plain: figures.n8n_startup_ms_with_package / figures.n8n_startup_ms_plain,
			rss_vs_plain: figures.n8n_rss_mb_with_package / figures.n8n_rss_mb_plain,
		},
		notes: [`median of ${runs} alternating starts each, fresh SQLite user folder per start, until /healthz/readiness`],
	};
}
