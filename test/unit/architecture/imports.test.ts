import { join } from 'node:path';

import { importCycles, importEdges, partOf } from './importGraph';

const root = join(__dirname, '../../..');
const edges = importEdges(root, ['nodes', 'credentials', 'simulator', 'scripts', 'bench', 'test']);
const betweenParts = edges
	.map(({ from, to }) => ({ from: partOf(from), to: partOf(to), files: `${from} → ${to}` }))
	.filter(({ from, to }) => from !== to);

const isNodeFolder = (part: string) => part.startsWith('nodes/') && !part.startsWith('nodes/shared');
const isPublished = (part: string) => part.startsWith('nodes') || part === 'credentials' || part === 'package.json';

/**
 * Among the tooling, the only directions an import may take (docs/architecture.md, "Who may
 * import whom", says the same); any part may import the published code.
 */
const TOOLING_MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
	bench: ['test', 'simulator', 'scripts/n8n'],
	test: ['simulator', 'scripts', 'scripts/n8n'],
	scripts: ['simulator', 'scripts/n8n'],
	simulator: ['scripts/n8n'],
	'scripts/n8n': [],
};

describe('how the parts of the project depend on each other', () => {
	test('the scan sees the project (a broken scan would pass every rule below)', () => {
		expect(edges.length).toBeGreaterThan(500);
		expect(betweenParts.some(({ from, to }) => from === 'nodes/WhatsApp' && to === 'nodes/shared/actions')).toBe(true);
	});

	test('no node folder imports another node folder: what two nodes share lives in nodes/shared', () => {
		expect(betweenParts.filter(({ from, to }) => isNodeFolder(from) && isNodeFolder(to)).map(({ files }) => files)).toEqual([]);
	});

	test('nodes/shared imports no node folder', () => {
		expect(betweenParts.filter(({ from, to }) => from.startsWith('nodes/shared') && isNodeFolder(to)).map(({ files }) => files)).toEqual([]);
	});

	test('the published package (nodes, credentials) imports no tooling', () => {
		expect(betweenParts.filter(({ from, to }) => isPublished(from) && !isPublished(to)).map(({ files }) => files)).toEqual([]);
	});

	test('among the tooling, imports go only the listed ways', () => {
		const tooling = betweenParts.filter(({ from, to }) => !isPublished(from) && !isPublished(to));
		expect(tooling.length).toBeGreaterThan(0);
		expect(tooling.filter(({ from, to }) => !(TOOLING_MAY_IMPORT[from] ?? []).includes(to)).map(({ files }) => files)).toEqual([]);
	});

	test('no two parts import each other, directly or in a circle', () => {
		expect(importCycles(betweenParts)).toEqual([]);
	});

	test('a circle is found when there is one', () => {
		const circle = [
			{ from: 'simulator', to: 'scripts' },
			{ from: 'scripts', to: 'bench' },
			{ from: 'bench', to: 'simulator' },
			{ from: 'bench', to: 'test' },
		];
		expect(importCycles(circle)).toEqual([['bench', 'scripts', 'simulator']]);
		expect(importCycles(circle.slice(1))).toEqual([]);
	});
});
