/**
 * The package as n8n sees it: loaded from the community-packages folder of a real n8n, every
 * node and credential that package.json declares is registered under the package's prefix.
 */
import { connectE2e, type E2eContext } from './support/n8n';
import { declaredTypes, readManifest, type Manifest } from './support/manifest';

describe('the package in a real n8n', () => {
	let n8n: E2eContext;
	let manifest: Manifest;

	beforeAll(async () => {
		n8n = await connectE2e();
		manifest = readManifest(n8n.state.packageDir);
	});

	it('declares nodes and credentials', () => {
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		expect(manifest.n8n.credentials.length).toBeGreaterThan(0);
	});

	it('lists every node of the package in the node picker', async () => {
		const listed = new Set((await n8n.api.nodeTypes()).map((type) => type.name));
		expect(declaredTypes(manifest).nodes.filter((name) => !listed.has(name))).toEqual([]);
	});

	it('registers every credential type of the package', async () => {
		const listed = new Set((await n8n.api.credentialTypes()).map((type) => type.name));
		expect(declaredTypes(manifest).credentials.filter((name) => !listed.has(name))).toEqual([]);
	});

	it('loaded the package without errors', () => {
		const logs = n8n.logs();
		expect(logs).not.toContain('Failed to load package "n8n-nodes-chatflow"');
		expect(logs).not.toMatch(/Cannot find module '[^']*n8n-nodes-chatflow\/dist/);
		expect(logs).toContain('Editor is now accessible');
	});
});
