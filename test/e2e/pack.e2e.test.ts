/**
 * What users install: `npm pack` holds only dist/ plus package.json, README, LICENSE and the
 * examples (workflow JSON and READMEs, so an installed package carries them), and a
 * separate n8n loads that tarball when it is installed the way n8n's own community-package
 * installer does it (extract into nodes/node_modules/<name>, drop dev and peer dependencies,
 * shallow `npm install --ignore-scripts` for the runtime dependencies).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nApi } from '../../scripts/n8n/api';
import { installLikeN8n, packPackage, type PackResult } from '../../scripts/n8n/communityPackage';
import { N8nInstance, freePort } from '../../scripts/n8n/instance';
import { connectE2e, PACKAGE_NAME } from './support/n8n';

describe('the npm tarball', () => {
	const workDir = mkdtempSync(join(tmpdir(), 'chatflow-pack-'));
	let pack: PackResult;
	let manifest: { n8n: { nodes: string[] } };

	beforeAll(async () => {
		// Pack the snapshot this e2e run built (same files as the repository's package.json selects).
		const { state } = await connectE2e();
		manifest = JSON.parse(readFileSync(join(state.packageDir, 'package.json'), 'utf8')) as typeof manifest;
		pack = packPackage(state.packageDir, workDir);
	});

	afterAll(() => rmSync(workDir, { recursive: true, force: true }));

	it('contains only dist, package.json, README, LICENSE and the examples', () => {
		const outside = pack.files.filter((path) => !path.startsWith('dist/') && !path.startsWith('examples/'));
		expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		const examples = pack.files.filter((path) => path.startsWith('examples/'));
		expect(examples.filter((path) => !/^examples\/([\w-]+\/)?[\w-]+\.(json|md)$/.test(path))).toEqual([]);
		for (const example of ['omnichannel-bot', 'marketing-campaign', 'support-diagnostic', 'appointment-booking', 'lead-qualification', 'ai-agent']) {
			expect(examples).toEqual(expect.arrayContaining([`examples/${example}/workflow.json`, `examples/${example}/README.md`]));
		}
		expect(pack.files.some((path) => path.endsWith('.node.js'))).toBe(true);
		expect(pack.files.filter((path) => /\.(ts|map)$/.test(path) && !path.endsWith('.d.ts'))).toEqual([]);
		for (const nodeFile of manifest.n8n.nodes) {
			expect(pack.files).toContain(nodeFile);
		}
	});

	it('is loaded by a separate n8n from its community-packages folder', async () => {
		const userFolder = join(workDir, 'n8n');
		const { removed } = installLikeN8n(pack.tarball, userFolder);
		expect(removed.devDependencies).toBeDefined();
		expect(removed.peerDependencies).toEqual({ 'n8n-workflow': expect.any(String) });

		const n8n = await N8nInstance.start({ userFolder, port: await freePort(), packageDir: false });
		try {
			await n8n.waitUntilReady();
			const api = await N8nApi.connect(n8n.url);
			const listed = (await api.nodeTypes()).map((type) => type.name).filter((name) => name.startsWith(`${PACKAGE_NAME}.`));
			// Every declared node is listed (n8n adds a `…Tool` twin for nodes usable as AI tools).
			expect(listed.filter((name) => !name.endsWith('Tool')).length).toBe(manifest.n8n.nodes.length);
		} finally {
			await n8n.stop();
		}
	}, 240_000);
});
