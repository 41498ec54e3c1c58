/**
 * Puts this package into an n8n user folder the way n8n's own community-package installer does
 * (Settings → Community nodes → Install): `npm pack`, extract into
 * `<userFolder>/.n8n/nodes/node_modules/<name>`, drop dev, peer and optional dependencies,
 * shallow `npm install --ignore-scripts` of the runtime dependencies, and record the package in
 * `nodes/package.json`. Nothing links back to this repository, so `n8n-workflow` resolves to
 * the n8n's own copy (n8n puts its module paths on NODE_PATH), as it does for users.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PackResult {
	/** Path of the tarball. */
	tarball: string;
	/** The files npm put in it (paths inside the package). */
	files: string[];
}

/** `npm pack` of `packageDir` into `destination`. */
export function packPackage(packageDir: string, destination: string): PackResult {
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: packageDir,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [packed] = JSON.parse(output) as Array<{ filename: string; files: Array<{ path: string }> }>;
	return { tarball: join(destination, packed.filename), files: packed.files.map((file) => file.path) };
}

export interface InstalledPackage {
	/** Where the package now lives inside the user folder. */
	directory: string;
	/** The dependency fields the installer removed from its package.json, as they were. */
	removed: { devDependencies?: unknown; peerDependencies?: unknown; optionalDependencies?: unknown };
}

/** Installs `tarball` into `userFolder` as n8n's installer would. */
export function installLikeN8n(tarball: string, userFolder: string): InstalledPackage {
	const nodesFolder = join(userFolder, '.n8n', 'nodes');
	const manifest = (directory: string) => join(directory, 'package.json');
	const staging = join(nodesFolder, 'node_modules', '.chatflow-extract');
	mkdirSync(staging, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
	const { name } = JSON.parse(readFileSync(manifest(staging), 'utf8')) as { name: string };
	const directory = join(nodesFolder, 'node_modules', name);
	mkdirSync(join(directory, '..'), { recursive: true });
	execFileSync('mv', ['-T', staging, directory]);
	const { devDependencies, peerDependencies, optionalDependencies, ...installed } = JSON.parse(
		readFileSync(manifest(directory), 'utf8'),
	) as Record<string, unknown>;
	writeFileSync(manifest(directory), JSON.stringify(installed, null, 2));
	execFileSync(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		{ cwd: directory, stdio: 'ignore' },
	);
	writeFileSync(
		manifest(nodesFolder),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [name]: installed.version } }, null, 2),
	);
	return { directory, removed: { devDependencies, peerDependencies, optionalDependencies } };
}
