import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** Relative imports in TypeScript source: `from '…'`, `import('…')`, `require('…')`, `jest.mock('…')`. */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bjest\.mock\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

export interface ImportEdge {
	from: string;
	to: string;
}

function sourceFiles(root: string, folder: string): string[] {
	const start = join(root, folder);
	if (!existsSync(start)) return [];
	const files: string[] = [];
	for (const name of readdirSync(start)) {
		if (name === 'node_modules') continue;
		const path = join(start, name);
		if (statSync(path).isDirectory()) files.push(...sourceFiles(root, relative(root, path)));
		else if (/\.(ts|js|cjs)$/.test(name)) files.push(relative(root, path));
	}
	return files;
}

function resolveImport(root: string, file: string, specifier: string): string | undefined {
	const target = normalize(join(dirname(file), specifier));
	for (const candidate of [target, `${target}.ts`, join(target, 'index.ts'), `${target}.js`]) {
		const path = join(root, candidate);
		if (existsSync(path) && statSync(path).isFile()) return candidate;
	}
	return undefined;
}

/** Every relative import between files of the given top-level folders that resolves to a file. */
export function importEdges(root: string, folders: string[]): ImportEdge[] {
	const edges: ImportEdge[] = [];
	for (const file of folders.flatMap((folder) => sourceFiles(root, folder))) {
		for (const match of readFileSync(join(root, file), 'utf8').matchAll(RELATIVE_IMPORT)) {
			const to = resolveImport(root, file, match[1]);
			if (to) edges.push({ from: file, to });
		}
	}
	return edges;
}

/**
 * The part of the project a file belongs to: a node's folder (`nodes/WhatsApp`), an area of the
 * shared code (`nodes/shared/http`), the n8n library the tooling shares (`scripts/n8n`), or a
 * top-level folder (`simulator`, `bench`, `test`, …).
 */
export function partOf(file: string): string {
	const segments = file.split('/');
	if (segments[0] === 'nodes' && segments[1] === 'shared' && segments.length > 3) return segments.slice(0, 3).join('/');
	if (segments[0] === 'nodes' && segments.length > 2) return segments.slice(0, 2).join('/');
	if (segments[0] === 'scripts' && segments[1] === 'n8n') return 'scripts/n8n';
	return segments[0];
}

/** Groups of parts that import each other in a circle (strongly connected, more than one part). */
export function importCycles(edges: Array<{ from: string; to: string }>): string[][] {
	const next = new Map<string, Set<string>>();
	for (const { from, to } of edges) {
		if (from === to) continue;
		if (!next.has(from)) next.set(from, new Set());
		next.get(from)!.add(to);
		if (!next.has(to)) next.set(to, new Set());
	}
	// Tarjan's strongly connected components.
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	let counter = 0;
	const visit = (part: string) => {
		index.set(part, counter);
		low.set(part, counter++);
		stack.push(part);
		onStack.add(part);
		for (const other of next.get(part) ?? []) {
			if (!index.has(other)) {
				visit(other);
				low.set(part, Math.min(low.get(part)!, low.get(other)!));
			} else if (onStack.has(other)) {
				low.set(part, Math.min(low.get(part)!, index.get(other)!));
			}
		}
		if (low.get(part) === index.get(part)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== part);
			if (component.length > 1) cycles.push(component.sort());
		}
	};
	for (const part of next.keys()) if (!index.has(part)) visit(part);
	return cycles;
}
