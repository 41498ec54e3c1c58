/**
 * `npm run dev`: the real n8n (pinned, from the cache) on 127.0.0.1 with this package loaded as a
 * community package, SQLite in `.n8n-dev/` (kept between runs, so workflows and credentials you
 * make survive a restart). Source changes are recompiled by `tsc --watch`, static files copied,
 * and n8n restarted (n8n loads community nodes once, at start). Ctrl-C stops everything.
 *
 * Next to n8n runs the chat simulator (simulator/, docs/simulator.md): the chat page, and the
 * fake Graph/Viber API that credentials created here point at; an example WhatsApp bot with a
 * WhatsApp Flow is imported and active, so typing "hi" on the page runs a workflow at once.
 *
 * Environment: N8N_PORT (default 5678, or a free port when that one is taken),
 * CHATFLOW_DEV_FOLDER (default <repo>/.n8n-dev), CHATFLOW_SIMULATOR_PORT (default 5690),
 * CHATFLOW_SIMULATOR_CONFIG (default simulator/fixtures/simulator.json), CHATFLOW_SIMULATOR=off.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';
import { join } from 'node:path';

import { N8nApi, OWNER } from './n8n/api';
import { N8nInstance, REPOSITORY_ROOT, freePort } from './n8n/instance';
import { startDevSimulator, type DevSimulator } from './simulatorDev';

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
let stopEverything: (() => Promise<void>) | undefined;

async function main(): Promise<void> {
	const userFolder = process.env.CHATFLOW_DEV_FOLDER ?? join(REPOSITORY_ROOT, '.n8n-dev');
	const port = await choosePort();
	let n8n: N8nInstance | undefined;
	let simulator: DevSimulator | undefined;
	let stopping = false;
	const children: ChildProcess[] = [];

	const startN8n = async () => {
		const started = Date.now();
		log('starting n8n …');
		n8n = await N8nInstance.start({ userFolder, port, echo: process.stdout });
		await n8n.waitUntilReady();
		const api = await N8nApi.connect(n8n.url);
		log(`n8n is ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		log(`open ${n8n.url}  (log in as ${OWNER.email} / ${OWNER.password}); search the node picker for "Chatflow"`);
		if (process.env.CHATFLOW_SIMULATOR !== 'off') {
			simulator ??= await startDevSimulator(userFolder, log);
			// n8n stays useful when the example cannot be set up (e.g. a node failed to load).
			await simulator.link(api).catch((error: unknown) => log(`the chat simulator could not be linked to n8n: ${error instanceof Error ? error.message : String(error)}`));
		}
		return api;
	};

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
		await n8n?.stop();
		await simulator?.close();
		log('stopped; nothing left running');
		process.exit(code);
	};
	stopEverything = async () => {
		await n8n?.stop();
		await simulator?.close();
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	await startN8n();

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
			await n8n?.stop();
			await startN8n();
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
	log('watching nodes/ and credentials/ for changes; Ctrl-C to stop');
}

main().catch(async (error: unknown) => {
	process.stderr.write(`[chatflow] dev failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	await stopEverything?.().catch(() => undefined);
	process.exit(1);
});
