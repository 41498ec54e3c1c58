/**
 * Every example as a whole, against the real n8n: each workflow file uses only node types and
 * versions n8n has loaded, references credentials by placeholder only, is proven by its own e2e
 * suite, and every relative link in the examples' READMEs and the guides points at a file (and
 * heading) that exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { EXAMPLES_DIR, PLACEHOLDER_CREDENTIAL_ID, readExample } from './examples-support';
import { connectE2e, type E2eContext } from './support/n8n';

const ROOT = resolve(EXAMPLES_DIR, '..');
const examples = readdirSync(EXAMPLES_DIR, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => entry.name)
	.sort();

/** Workflow files of an example: JSON with nodes and connections (Flow JSON files are not). */
function workflowFiles(example: string): string[] {
	return readdirSync(join(EXAMPLES_DIR, example))
		.filter((file) => file.endsWith('.json'))
		.filter((file) => {
			const json = JSON.parse(readFileSync(join(EXAMPLES_DIR, example, file), 'utf8')) as Record<string, unknown>;
			return Array.isArray(json.nodes) && typeof json.connections === 'object';
		});
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

function markdownFiles(): string[] {
	const guides = join(ROOT, 'docs', 'guides');
	return [
		...examples.map((example) => join(EXAMPLES_DIR, example, 'README.md')),
		join(EXAMPLES_DIR, 'README.md'),
		...readdirSync(guides).filter((file) => file.endsWith('.md')).map((file) => join(guides, file)),
	];
}

let n8n: E2eContext;
let loaded: Map<string, number[]>;

beforeAll(async () => {
	n8n = await connectE2e();
	const types = (await n8n.api.nodeTypes()) as unknown as Array<{ name: string; version: number | number[] }>;
	loaded = new Map();
	for (const type of types) loaded.set(type.name, [...(loaded.get(type.name) ?? []), ...[type.version].flat()]);
});

describe('examples catalog', () => {
	it('has the five examples', () => {
		expect(examples).toEqual(['ai-agent', 'appointment-booking', 'lead-qualification', 'marketing-campaign', 'omnichannel-bot', 'support-diagnostic']);
	});

	it.each(examples)('%s: a README, a workflow.json, and its own e2e suite', (example) => {
		expect(existsSync(join(EXAMPLES_DIR, example, 'README.md'))).toBe(true);
		expect(workflowFiles(example)).toContain('workflow.json');
		expect(existsSync(join(__dirname, `examples-${example}.e2e.test.ts`))).toBe(true);
	});

	it.each(examples)('%s: every node type and version is one the real n8n has loaded', (example) => {
		for (const file of workflowFiles(example)) {
			for (const node of readExample(example, file).nodes) {
				const versions = loaded.get(String(node.type));
				expect({ file, node: node.name, type: node.type, known: versions !== undefined }).toEqual({ file, node: node.name, type: node.type, known: true });
				expect(versions).toContain(node.typeVersion);
			}
		}
	});

	it.each(examples)('%s: credentials by placeholder id only, no local URLs, connections name existing nodes', (example) => {
		for (const file of workflowFiles(example)) {
			const workflow = readExample(example, file);
			const names = new Set(workflow.nodes.map((node) => String(node.name)));
			for (const node of workflow.nodes) {
				for (const ref of Object.values((node.credentials ?? {}) as Record<string, { id: string; name: string }>)) {
					expect(ref.id).toBe(PLACEHOLDER_CREDENTIAL_ID);
					expect(ref.name).not.toBe('');
				}
			}
			const text = readFileSync(join(EXAMPLES_DIR, example, file), 'utf8');
			expect(text).not.toMatch(/127\.0\.0\.1|localhost/);
			// Every kind of connection: main, and a model's, memory's or tool's connection to an agent.
			for (const [from, outputs] of Object.entries(workflow.connections as Record<string, Record<string, Array<Array<{ node: string }>>>>)) {
				expect(names.has(from)).toBe(true);
				for (const target of Object.values(outputs).flat(2)) expect(names.has(target.node)).toBe(true);
			}
		}
	});

	it.each(examples)('%s: every workflow explains itself on the canvas (a sticky note naming its own nodes, linking to its README)', (example) => {
		for (const file of workflowFiles(example)) {
			const workflow = readExample(example, file);
			const names = new Set(workflow.nodes.map((node) => String(node.name)));
			const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
			expect({ file, notes: notes.length }).toEqual({ file, notes: 1 });
			const content = String((notes[0].parameters as { content: string }).content);
			// *Name* in a note is a node the reader can find on the canvas (**bold** is emphasis).
			const named = [...content.replace(/\*\*[^*]+\*\*/g, '').matchAll(/\*([^*]+)\*/g)].map((match) => match[1]);
			for (const name of named) expect({ file, name, onCanvas: names.has(name) }).toEqual({ file, name, onCanvas: true });
			expect(content).toContain(`/examples/${example})`);
		}
	});

	it('every relative link in the examples\' READMEs and the guides resolves, anchors included', () => {
		const broken: string[] = [];
		for (const file of markdownFiles()) {
			const text = readFileSync(file, 'utf8');
			for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
				if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
				const [path, anchor] = target.split('#');
				const resolved = path ? resolve(dirname(file), path) : file;
				if (!existsSync(resolved)) {
					broken.push(`${file}: ${target}`);
					continue;
				}
				if (anchor && resolved.endsWith('.md')) {
					const headings = readFileSync(resolved, 'utf8')
						.split('\n')
						.filter((line) => /^#{1,6} /.test(line))
						.map((line) => slug(line.replace(/^#+ /, '')));
					if (!headings.includes(anchor)) broken.push(`${file}: ${target} (no such heading)`);
				}
			}
		}
		expect(broken).toEqual([]);
	});
});
