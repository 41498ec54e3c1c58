/**
 * Starts one real n8n for the whole e2e run: a fresh temporary user folder (SQLite), a free
 * loopback port, this package from the freshly built snapshot.
 *
 * How the package gets into n8n is the jest config's `globals.chatflowInstall`:
 * - 'link' (default, `npm run test:e2e`): a symlink to the snapshot, whose node_modules are the
 *   repository's (fast; n8n-workflow is the project's dev copy);
 * - 'installer' (`npm run test:versions`): packed and installed the way n8n's community-package
 *   installer does, so the package runs against the n8n-workflow of the n8n under test.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Config } from '@jest/types';

import { N8nApi } from '../../../scripts/n8n/api';
import { installLikeN8n, packPackage } from '../../../scripts/n8n/communityPackage';
import { N8nInstance, freePort } from '../../../scripts/n8n/instance';
import { STATE_ENV, type E2eState } from './state';

declare global {
	// eslint-disable-next-line no-var
	var __CHATFLOW_N8N__: N8nInstance | undefined;
}

export default async function globalSetup(_config: Config.GlobalConfig, project: Config.ProjectConfig): Promise<void> {
	const userFolder = mkdtempSync(join(tmpdir(), 'chatflow-e2e-'));
	// scripts/run.sh e2e builds and copies the package under its build lock (see there).
	const snapshot = process.env.CHATFLOW_E2E_PACKAGE;
	if (!snapshot) throw new Error('CHATFLOW_E2E_PACKAGE is not set: run e2e with "npm run test:e2e"');
	const installed =
		project.globals?.chatflowInstall === 'installer' ? installLikeN8n(packPackage(snapshot, userFolder).tarball, userFolder) : undefined;
	const port = await freePort();
	const started = Date.now();
	const n8n = await N8nInstance.start({
		userFolder,
		port,
		packageDir: installed ? false : snapshot,
		env: { N8N_LOG_LEVEL: process.env.CHATFLOW_E2E_LOG_LEVEL ?? 'info' },
	});
	globalThis.__CHATFLOW_N8N__ = n8n;
	try {
		await n8n.waitUntilReady();
	} catch (error) {
		await n8n.stop();
		throw error;
	}
	const api = await N8nApi.connect(n8n.url);
	process.stdout.write(`\n[e2e] n8n ${n8n.url} (pid ${n8n.pid}) ready in ${Date.now() - started} ms; user folder ${userFolder}\n`);
	const state: E2eState = {
		url: n8n.url,
		apiKey: api.apiKey,
		cookie: api.cookie,
		userFolder,
		pid: n8n.pid,
		logFile: join(userFolder, `n8n-main-${port}.log`),
		packageDir: installed?.directory ?? snapshot,
	};
	const stateFile = join(userFolder, 'e2e-state.json');
	writeFileSync(stateFile, JSON.stringify(state));
	process.env[STATE_ENV] = stateFile;
}
