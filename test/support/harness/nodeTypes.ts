import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

import { NodeHelpers, type IDataObject, type INodeType, type INodeTypes, type IVersionedNodeType } from 'n8n-workflow';

import { instantiateExports } from './moduleClasses';
import { n8nNodesBaseDir, PACKAGE_NODE_PREFIX, PACKAGE_ROOT } from './paths';

/**
 * n8n's built-in nodes the harness can load from the pinned runtime's n8n-nodes-base, by type
 * name. Loading all of n8n-nodes-base would pull hundreds of modules; these are the flow-control
 * nodes a workflow test needs around this package's nodes. Add a line to support another.
 */
export const BUILT_IN_NODES: Readonly<Record<string, string>> = {
	'n8n-nodes-base.manualTrigger': 'dist/nodes/ManualTrigger/ManualTrigger.node.js',
	'n8n-nodes-base.noOp': 'dist/nodes/NoOp/NoOp.node.js',
	'n8n-nodes-base.set': 'dist/nodes/Set/Set.node.js',
	'n8n-nodes-base.if': 'dist/nodes/If/If.node.js',
	'n8n-nodes-base.switch': 'dist/nodes/Switch/Switch.node.js',
	'n8n-nodes-base.merge': 'dist/nodes/Merge/Merge.node.js',
	'n8n-nodes-base.stopAndError': 'dist/nodes/StopAndError/StopAndError.node.js',
	'n8n-nodes-base.filter': 'dist/nodes/Filter/Filter.node.js',
	'n8n-nodes-base.splitOut': 'dist/nodes/Transform/SplitOut/SplitOut.node.js',
};

export type AnyNodeType = INodeType | IVersionedNodeType;

/**
 * The node types of a run. This package's nodes load from SOURCE (ts, through ts-jest or tsx):
 * the files package.json's n8n.nodes lists (dist/…/X.node.js → …/X.node.ts) and every
 * nodes/**\/*.node.ts, so a node works before it is listed. Files load lazily, the likeliest
 * file for a type name first, so a half-written node elsewhere in the tree only matters to a
 * workflow that uses it. Loaded types are kept for the whole process.
 */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, AnyNodeType>();

	private readonly pendingFiles: string[];

	private readonly failedFiles = new Map<string, Error>();

	constructor() {
		this.pendingFiles = packageNodeFiles();
	}

	getByName(nodeType: string): AnyNodeType {
		return this.types.get(nodeType) ?? this.load(nodeType);
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	/** Adds a type under `nodeType` (a test-only node, e.g. one that makes binary data). */
	register(nodeType: string, type: AnyNodeType): void {
		this.types.set(nodeType, type);
	}

	/** Whether `nodeType` can be loaded (without throwing when it cannot). */
	has(nodeType: string): boolean {
		try {
			this.getByName(nodeType);
			return true;
		} catch {
			return false;
		}
	}

	private load(nodeType: string): AnyNodeType {
		if (nodeType.startsWith(PACKAGE_NODE_PREFIX)) return this.loadPackageNode(nodeType);
		if (nodeType in BUILT_IN_NODES) return this.loadBuiltIn(nodeType);
		throw new Error(
			`harness: unknown node type "${nodeType}". Supported: this package's nodes as "${PACKAGE_NODE_PREFIX}<name>", and ${Object.keys(BUILT_IN_NODES).join(', ')}`,
		);
	}

	private loadPackageNode(nodeType: string): AnyNodeType {
		const name = nodeType.slice(PACKAGE_NODE_PREFIX.length);
		// Convention: chatflowViber lives in ChatflowViber.node.ts; try that file before the rest.
		const likely = (file: string) => basename(file, '.node.ts').toLowerCase() === name.toLowerCase();
		this.pendingFiles.sort((a, b) => Number(likely(b)) - Number(likely(a)));
		while (!this.types.has(nodeType) && this.pendingFiles.length > 0) {
			const file = this.pendingFiles.shift() as string;
			try {
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				for (const type of instantiateExports(require(file) as Record<string, unknown>, isNodeType)) {
					this.types.set(PACKAGE_NODE_PREFIX + type.description.name, type);
				}
			} catch (error) {
				this.failedFiles.set(file, error as Error);
			}
		}
		const found = this.types.get(nodeType);
		if (found) return found;
		const failures = [...this.failedFiles].map(([file, error]) => `\n  ${relative(PACKAGE_ROOT, file)}: ${error.message}`).join('');
		throw new Error(`harness: no node named "${name}" in nodes/**/*.node.ts${failures ? `; files that failed to load:${failures}` : ''}`);
	}

	private loadBuiltIn(nodeType: string): AnyNodeType {
		const base = n8nNodesBaseDir();
		const file = join(base, BUILT_IN_NODES[nodeType]);
		if (!existsSync(file)) {
			throw new Error(`harness: "${nodeType}" needs the pinned n8n runtime (${base} is missing; run: bash scripts/run.sh e2e, or set CHATFLOW_N8N_DIR)`);
		}
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const [type] = instantiateExports(require(file) as Record<string, unknown>, isNodeType);
		if (!type) throw new Error(`harness: ${file} exports no node type`);
		this.types.set(nodeType, type);
		return type;
	}
}

function isNodeType(value: unknown): value is AnyNodeType {
	const description = (value as { description?: { name?: unknown } })?.description;
	return typeof description?.name === 'string';
}

/** package.json n8n.nodes mapped to source, then every nodes/**\/*.node.ts not listed. */
function packageNodeFiles(): string[] {
	const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { n8n?: { nodes?: string[] } };
	const listed = (manifest.n8n?.nodes ?? [])
		.map((distPath) => join(PACKAGE_ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts')))
		.filter((file) => existsSync(file));
	const scanned = findNodeFiles(join(PACKAGE_ROOT, 'nodes'));
	return [...new Set([...listed, ...scanned])];
}

function findNodeFiles(folder: string): string[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findNodeFiles(path);
		return entry.name.endsWith('.node.ts') ? [path] : [];
	});
}
