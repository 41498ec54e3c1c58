/**
 * `npm run dev`: the real n8n (pinned, from the cache) on 127.0.0.1 with this package loaded as a
 * community package, SQLite in `.n8n-dev/` (kept between runs, so workflows and credentials you
 * make survive a restart). Source changes are recompiled by `tsc --watch`, static files copied,
 * and n8n restarted (n8n loads community nodes once, at start). Ctrl-C stops everything.
 *
 * Next to n8n runs the chat simulator (simulator/, docs/simulator.md): the chat page, and the
 * fake Graph/Viber API that credentials created here point at; example bots for all four
 * channels (WhatsApp with a WhatsApp Flow; Messenger, Instagram and Viber) are imported and
 * active, so typing "hi" as any contact on the page runs a workflow at once. The terminal shows
 * n8n's output without its database migrations (the full output is in a log file) and ends with
 * a summary: the editor and simulator URLs, which workflow answers which channel, the log file.
 *
 * Environment: N8N_PORT (default 5678, or a free port when that one is taken),
 * CHATFLOW_DEV_FOLDER (default <repo>/.n8n-dev), CHATFLOW_SIMULATOR_PORT (default 5690),
 * CHATFLOW_SIMULATOR_CONFIG (default simulator/fixtures/simulator.json), CHATFLOW_SIMULATOR=off.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';
import { join } from 'node:path';

import { DevSession } from './devSession';
import { REPOSITORY_ROOT, freePort } from './n8n/instance';

const log = (message: string) => process.stdout.write(`[chatflow] ${message}\n`);

async function choosePort(): Promise<number> {
	const wanted = Number(process.env.N8N_PORT ?? 5678);
	const probe = await fetch(`http://127.0.0.1:${wanted}/healthz`).then(
		() => true,
		() => false,
	);
	if (!probe) return wanted;
	const port = await freePort();
	log(`port ${wanted} is taken: using ${port}`);
	return port;
}

/** Set once things run, so a failure during start-up leaves nothing behind either. */
let session: DevSession | undefined;

async function main(): Promise<void> {
	const userFolder = process.env.CHATFLOW_DEV_FOLDER ?? join(REPOSITORY_ROOT, '.n8n-dev');
	const port = await choosePort();
	const dev = new DevSession({ userFolder, port, out: process.stdout, simulator: process.env.CHATFLOW_SIMULATOR !== 'off' });
	session = dev;
	let stopping = false;
	const children: ChildProcess[] = [];
	const printSummary = () => dev.summary().forEach((line) => log(line));

	const shutdown = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('stopping …');
		for (const child of children) {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
		}
		await dev.stop();
		log('stopped; nothing left running');
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	await dev.start();

	// Rebuild on change: tsc --watch prints "Found 0 errors" after each successful compile.
	const tsc = spawn('npx', ['tsc', '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput'], {
		cwd: REPOSITORY_ROOT,
		detached: true,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	children.push(tsc);
	let restarting: Promise<unknown> = Promise.resolve();
	let firstCompile = true;
	const restart = () => {
		restarting = restarting.then(async () => {
			if (stopping) return;
			log('change compiled: restarting n8n to load it');
			await dev.stopN8n();
			await dev.start();
			printSummary();
		});
	};
	tsc.stdout?.on('data', (chunk: Buffer) => {
		const text = chunk.toString();
		if (!/Found 0 errors/.test(text)) {
			if (/error TS/.test(text)) process.stdout.write(text);
			return;
		}
		if (firstCompile) {
			firstCompile = false; // the initial compile of an unchanged tree
			return;
		}
		restart();
	});
	// Icons and codex files are not compiled: copy them and restart.
	for (const folder of ['nodes', 'credentials']) {
		watch(join(REPOSITORY_ROOT, folder), { recursive: true }, (_event, file) => {
			if (!file || !/\.(svg|png|node\.json)$/.test(String(file))) return;
			const gulp = spawn('npx', ['gulp', 'build:icons', '--silent'], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });
			gulp.on('exit', () => restart());
		});
	}
	log('watching nodes/ and credentials/ for changes: a change restarts n8n');
	printSummary();
}

main().catch(async (error: unknown) => {
	process.stderr.write(`[chatflow] dev failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	await session?.stop().catch(() => undefined);
	process.exit(1);
});
