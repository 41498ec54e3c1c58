/**
 * The package as n8n sees it: loaded from the community-packages folder of a real n8n, every
 * node and credential that package.json declares is registered under the package's prefix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { connectE2e, PACKAGE_NAME, type E2eContext } from './support/n8n';

interface Manifest {
	n8n: { nodes: string[]; credentials: string[] };
}

/** The `name` a compiled node or credential class of the loaded package declares. */
function declaredName(packageDir: string, distFile: string): string {
	const module = require(join(packageDir, distFile)) as Record<string, new () => { description?: { name: string }; name?: string }>;
	const [Class] = Object.values(module);
	const instance = new Class();
	return instance.description?.name ?? instance.name ?? '';
}

describe('the package in a real n8n', () => {
	let n8n: E2eContext;
	let manifest: Manifest;

	beforeAll(async () => {
		n8n = await connectE2e();
		manifest = JSON.parse(readFileSync(join(n8n.state.packageDir, 'package.json'), 'utf8')) as Manifest;
	});

	it('declares nodes and credentials', () => {
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		expect(manifest.n8n.credentials.length).toBeGreaterThan(0);
	});

	it('lists every node of the package in the node picker', async () => {
		const listed = new Set((await n8n.api.nodeTypes()).map((type) => type.name));
		const expected = manifest.n8n.nodes.map((file) => `${PACKAGE_NAME}.${declaredName(n8n.state.packageDir, file)}`);
		expect(expected.filter((name) => !listed.has(name))).toEqual([]);
	});

	it('registers every credential type of the package', async () => {
		const listed = new Set((await n8n.api.credentialTypes()).map((type) => type.name));
		const expected = manifest.n8n.credentials.map((file) => declaredName(n8n.state.packageDir, file));
		expect(expected.filter((name) => !listed.has(name))).toEqual([]);
	});

	it('loaded the package without errors', () => {
		const logs = n8n.logs();
		expect(logs).not.toContain('Failed to load package "n8n-nodes-chatflow"');
		expect(logs).not.toMatch(/Cannot find module '[^']*n8n-nodes-chatflow\/dist/);
		expect(logs).toContain('Editor is now accessible');
	});
});
