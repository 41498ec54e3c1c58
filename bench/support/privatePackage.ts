import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPOSITORY_ROOT } from '../../scripts/n8n/instance';

/**
 * A private build of the package in a temporary folder (package.json, dist/ from tsc, and a link
 * to node_modules), for a benchmark's n8n to load. The shared dist/ is rebuilt (deleted, then
 * written) by every e2e and benchmark run in this working tree; a long benchmark must not load
 * half a build. Icons are not copied: executing nodes does not need them.
 */
export function buildPrivatePackage(): { dir: string; dispose(): void } {
	const dir = mkdtempSync(join(tmpdir(), 'chatflow-bench-package-'));
	execFileSync(join(REPOSITORY_ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(REPOSITORY_ROOT, 'tsconfig.json'), '--outDir', join(dir, 'dist'), '--incremental', 'false', '--declaration', 'false', '--sourceMap', 'false'], {
		cwd: REPOSITORY_ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	copyFileSync(join(REPOSITORY_ROOT, 'package.json'), join(dir, 'package.json'));
	symlinkSync(join(REPOSITORY_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
	return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
