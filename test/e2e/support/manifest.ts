/**
 * What the package declares to n8n: the nodes and credentials listed in package.json and the
 * type names their compiled classes carry, read from the snapshot this e2e run built.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_NAME } from './n8n';

export interface Manifest {
	n8n: { nodes: string[]; credentials: string[] };
}

export function readManifest(packageDir: string): Manifest {
	return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest;
}

/**
 * The `name` a compiled node or credential class declares. Loaded from the snapshot built for
 * this run (its node_modules resolve n8n-workflow), which is also what was packed for installs.
 */
function declaredName(distFile: string): string {
	const snapshot = process.env.CHATFLOW_E2E_PACKAGE;
	if (!snapshot) throw new Error('CHATFLOW_E2E_PACKAGE is not set: run e2e with "npm run test:e2e"');
	const module = require(join(snapshot, distFile)) as Record<string, new () => { description?: { name: string }; name?: string }>;
	const [Class] = Object.values(module);
	const instance = new Class();
	return instance.description?.name ?? instance.name ?? '';
}

/** Node types (`n8n-nodes-chatflow.<name>`) and credential types the package declares. */
export function declaredTypes(manifest: Manifest): { nodes: string[]; credentials: string[] } {
	return {
		nodes: manifest.n8n.nodes.map((file) => `${PACKAGE_NAME}.${declaredName(file)}`),
		credentials: manifest.n8n.credentials.map((file) => declaredName(file)),
	};
}
