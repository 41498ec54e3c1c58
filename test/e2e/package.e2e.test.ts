/**
 * The package as n8n sees it: loaded from the community-packages folder of a real n8n, every
 * node and credential that package.json declares is registered under the package's prefix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { connectE2e, PACKAGE_NAME, type E2eContext } from './support/n8n';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};

/** The `name` a compiled node or credential class declares. */
function declaredName(distFile: string): string {
	const module = require(join(root, distFile)) as Record<string, new () => { description?: { name: string }; name?: string }>;
	const [Class] = Object.values(module);
	const instance = new Class();
	return instance.description?.name ?? instance.name ?? '';
}

describe('the package in a real n8n', () => {
	let n8n: E2eContext;

	beforeAll(async () => {
		n8n = await connectE2e();
	});

	it('declares nodes and credentials', () => {
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		expect(manifest.n8n.credentials.length).toBeGreaterThan(0);
	});

	it('lists every node of the package in the node picker', async () => {
		const listed = new Set((await n8n.api.nodeTypes()).map((type) => type.name));
		const expected = manifest.n8n.nodes.map((file) => `${PACKAGE_NAME}.${declaredName(file)}`);
		expect(expected.filter((name) => !listed.has(name))).toEqual([]);
	});

	it('registers every credential type of the package', async () => {
		const response = await fetch(`${n8n.state.url}/types/credentials.json`, { headers: { cookie: n8n.state.cookie } });
		expect(response.status).toBe(200);
		const listed = new Set(((await response.json()) as Array<{ name: string }>).map((type) => type.name));
		const expected = manifest.n8n.credentials.map(declaredName);
		expect(expected.filter((name) => !listed.has(name))).toEqual([]);
	});

	it('loaded the package without errors', () => {
		expect(n8n.logs()).not.toMatch(/error.*n8n-nodes-chatflow|n8n-nodes-chatflow.*(error|failed)/i);
	});
});
