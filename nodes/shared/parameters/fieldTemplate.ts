/**
 * The commonest n8n expressions only copy input fields: `={{ $json.to }}`,
 * `=Hello {{ $json.name }}`. n8n evaluates every expression in its expression engine, which costs
 * far more per item than the message it builds (about half of a text send's CPU in
 * `npm run bench -- send`). A field template is such an expression parsed once per run: literal
 * text and plain property paths into `$json`, nothing else. Anything richer is not a field
 * template and stays with n8n.
 */

/** A property path into `$json`: `.name`, `["name"]`, `['name']` or `[0]` segments. */
type FieldPath = ReadonlyArray<string | number>;

export interface FieldTemplate {
	/** Literal text before each reference, and after the last one (`literals.length === paths.length + 1`). */
	literals: string[];
	paths: FieldPath[];
}

const REFERENCE = /\{\{\s*\$json((?:\s*(?:\.\s*[A-Za-z_$][\w$]*|\[\s*\d+\s*\]|\[\s*"[^"\\]*"\s*\]|\[\s*'[^'\\]*'\s*\]))+)\s*\}\}/g;
const SEGMENT = /\.\s*([A-Za-z_$][\w$]*)|\[\s*(\d+)\s*\]|\[\s*"([^"\\]*)"\s*\]|\[\s*'([^'\\]*)'\s*\]/g;
/** Names n8n refuses or that reach outside the item's own data. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses a raw parameter value; `undefined` when it is not an expression made only of field references. */
export function parseFieldTemplate(raw: unknown): FieldTemplate | undefined {
	if (typeof raw !== 'string' || !raw.startsWith('=')) return undefined;
	const source = raw.slice(1);
	const literals: string[] = [];
	const paths: FieldPath[] = [];
	let last = 0;
	for (const match of source.matchAll(REFERENCE)) {
		const path = parsePath(match[1]);
		if (!path) return undefined;
		literals.push(source.slice(last, match.index));
		paths.push(path);
		last = match.index + match[0].length;
	}
	literals.push(source.slice(last));
	// Braces left in the literal text are code this parser does not understand.
	if (literals.some((text) => text.includes('{{') || text.includes('}}'))) return undefined;
	return { literals, paths };
}

function parsePath(text: string): FieldPath | undefined {
	const path: Array<string | number> = [];
	for (const [, name, index, double, single] of text.matchAll(SEGMENT)) {
		const key = name ?? double ?? single;
		if (key !== undefined) {
			if (FORBIDDEN.has(key)) return undefined;
			path.push(key);
		} else {
			path.push(Number(index));
		}
	}
	return path.length > 0 ? path : undefined;
}

/**
 * The template's value for one item's JSON, or `undefined` when n8n must decide: a missing field,
 * or a value that is not a string (n8n's own conversion of numbers, objects and null inside text
 * is the expression engine's business, not this shortcut's).
 */
export function renderFieldTemplate(template: FieldTemplate, json: unknown): string | undefined {
	let text = template.literals[0];
	for (let i = 0; i < template.paths.length; i++) {
		const value = valueAt(json, template.paths[i]);
		if (typeof value !== 'string') return undefined;
		text += value + template.literals[i + 1];
	}
	return text;
}

function valueAt(root: unknown, path: FieldPath): unknown {
	let current = root;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		if (Array.isArray(current) ? typeof key !== 'number' : !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
		current = (current as Record<string | number, unknown>)[key];
	}
	return current;
}
