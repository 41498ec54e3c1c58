/**
 * Local checks of a Flow JSON before upload (Meta's Flow JSON reference). Every problem names where it is,
 * as a path into the document (`screens[1].layout.children[3]`), so a user can find it without
 * uploading and reading Meta's line/column errors.
 */

export interface FlowJsonIssue {
	path: string;
	message: string;
}

export const FLOW_JSON_MAX_BYTES = 10 * 1024 * 1024;
const MAX_BRANCHES = 10;
const SCREEN_ID = /^[A-Za-z_]+$/;
const REFERENCE = /\$\{(data|form|screen)\.([^}]+)\}/g;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Screen {
	id: string;
	index: number;
	terminal: boolean;
	dataKeys: Set<string>;
	formNames: Set<string>;
	hasFooter: boolean;
	actions: Array<{ path: string; name: string; target?: string }>;
	references: Array<{ path: string; scope: string; expression: string }>;
}

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateFlowJson(input: string | object): FlowJsonIssue[] {
	let document: unknown = input;
	if (typeof input === 'string') {
		if (Buffer.byteLength(input, 'utf8') > FLOW_JSON_MAX_BYTES) {
			return [{ path: '$', message: 'Flow JSON is larger than 10 MB' }];
		}
		try {
			document = JSON.parse(input);
		} catch (error) {
			return [{ path: '$', message: `Flow JSON does not parse: ${(error as Error).message}` }];
		}
	}
	const issues: FlowJsonIssue[] = [];
	if (!isObject(document)) return [{ path: '$', message: 'Flow JSON must be an object' }];

	findNulls(document, '', issues);
	if (typeof document.version !== 'string' || document.version === '') {
		issues.push({ path: 'version', message: 'version is required (a string such as "7.2")' });
	}
	if (!Array.isArray(document.screens) || document.screens.length === 0) {
		issues.push({ path: 'screens', message: 'screens is required and must list at least one screen' });
		return issues;
	}

	const screens = document.screens.map((screen, index) => readScreen(screen, index, issues));
	const byId = new Map<string, Screen>();
	for (const screen of screens) {
		if (!screen) continue;
		if (byId.has(screen.id)) {
			issues.push({ path: `screens[${screen.index}].id`, message: `duplicate screen id "${screen.id}"` });
		}
		byId.set(screen.id, screen);
	}
	const known = [...byId.values()];
	if (known.length > 0 && !known.some((screen) => screen.terminal)) {
		issues.push({ path: 'screens', message: 'no terminal screen: at least one screen needs "terminal": true' });
	}

	const edges = new Map<string, Set<string>>();
	const addEdge = (from: string, to: string) => {
		if (!edges.has(from)) edges.set(from, new Set());
		edges.get(from)!.add(to);
	};

	for (const screen of known) {
		const at = `screens[${screen.index}]`;
		if (screen.terminal && !screen.hasFooter) {
			issues.push({ path: at, message: `terminal screen "${screen.id}" has no Footer` });
		}
		for (const action of screen.actions) {
			if (action.name === 'complete' && !screen.terminal) {
				issues.push({ path: action.path, message: `"complete" is only allowed on terminal screens; "${screen.id}" is not terminal` });
			}
			if (action.name === 'navigate') {
				if (!action.target) {
					issues.push({ path: action.path, message: 'navigate needs next: { type: "screen", name: "<SCREEN_ID>" }' });
				} else if (!byId.has(action.target)) {
					issues.push({ path: `${action.path}.next.name`, message: `navigate target "${action.target}" is not a screen` });
				} else {
					addEdge(screen.id, action.target);
				}
			}
		}
		checkReferences(screen, byId, issues);
	}

	checkRoutingModel(document, byId, edges, issues, addEdge);

	if (known.length > 0) {
		const inbound = new Set([...edges.values()].flatMap((targets) => [...targets]));
		if (known.every((screen) => inbound.has(screen.id))) {
			issues.push({ path: 'screens', message: 'no entry screen: every screen has an inbound route' });
		}
	}
	return issues;
}

function readScreen(value: unknown, index: number, issues: FlowJsonIssue[]): Screen | undefined {
	const at = `screens[${index}]`;
	if (!isObject(value)) {
		issues.push({ path: at, message: 'a screen must be an object' });
		return undefined;
	}
	if (typeof value.id !== 'string' || value.id === '') {
		issues.push({ path: `${at}.id`, message: 'screen id is required' });
		return undefined;
	}
	if (!SCREEN_ID.test(value.id)) {
		issues.push({ path: `${at}.id`, message: `screen id "${value.id}" may only contain letters and underscores` });
	}
	if (value.id === 'SUCCESS') {
		issues.push({ path: `${at}.id`, message: 'screen id "SUCCESS" is reserved' });
	}
	const screen: Screen = {
		id: value.id,
		index,
		terminal: value.terminal === true,
		dataKeys: new Set(isObject(value.data) ? Object.keys(value.data) : []),
		formNames: new Set(),
		hasFooter: false,
		actions: [],
		references: [],
	};
	if (!isObject(value.layout)) {
		issues.push({ path: `${at}.layout`, message: 'layout is required ({ "type": "SingleColumnLayout", "children": [...] })' });
		return screen;
	}
	if (!Array.isArray(value.layout.children)) {
		issues.push({ path: `${at}.layout.children`, message: 'layout.children must be an array of components' });
		return screen;
	}
	walkComponents(value.layout, `${at}.layout`, screen);
	return screen;
}

/** Visits every component and action below `node`, whatever container nests it (Form, If, Switch). */
function walkComponents(node: Json, path: string, screen: Screen): void {
	if (Array.isArray(node)) {
		node.forEach((child, index) => walkComponents(child, `${path}[${index}]`, screen));
		return;
	}
	if (typeof node === 'string') {
		for (const match of node.matchAll(REFERENCE)) {
			screen.references.push({ path, scope: match[1], expression: match[2] });
		}
		return;
	}
	if (!isObject(node)) return;
	if (node.type === 'Footer') screen.hasFooter = true;
	if (typeof node.name === 'string' && typeof node.type === 'string') screen.formNames.add(node.name);
	for (const [key, value] of Object.entries(node)) {
		const childPath = `${path}.${key}`;
		if (key.endsWith('-action') && isObject(value) && typeof value.name === 'string') {
			const next = isObject(value.next) && typeof value.next.name === 'string' ? value.next.name : undefined;
			screen.actions.push({ path: childPath, name: value.name, target: next });
		}
		walkComponents(value, childPath, screen);
	}
}

function checkReferences(screen: Screen, byId: Map<string, Screen>, issues: FlowJsonIssue[]): void {
	for (const reference of screen.references) {
		const name = reference.expression.split('.')[0].replace(/\[.*$/, '');
		if (reference.scope === 'data' && !screen.dataKeys.has(name)) {
			issues.push({ path: reference.path, message: `\${data.${reference.expression}}: "${name}" is not declared in screen "${screen.id}".data` });
		}
		if (reference.scope === 'form' && !screen.formNames.has(name)) {
			issues.push({ path: reference.path, message: `\${form.${reference.expression}}: no component named "${name}" on screen "${screen.id}"` });
		}
		if (reference.scope === 'screen' && !byId.has(name)) {
			issues.push({ path: reference.path, message: `\${screen.${reference.expression}}: no screen "${name}"` });
		}
	}
}

function checkRoutingModel(
	document: JsonObject,
	byId: Map<string, Screen>,
	edges: Map<string, Set<string>>,
	issues: FlowJsonIssue[],
	addEdge: (from: string, to: string) => void,
): void {
	const model = document.routing_model;
	if (model === undefined) {
		if (document.data_api_version !== undefined) {
			issues.push({ path: 'routing_model', message: 'routing_model is required when the Flow uses an endpoint (data_api_version is set)' });
		}
		return;
	}
	if (!isObject(model)) {
		issues.push({ path: 'routing_model', message: 'routing_model must map screen ids to lists of screen ids' });
		return;
	}
	for (const [from, targets] of Object.entries(model)) {
		const at = `routing_model.${from}`;
		if (!byId.has(from)) issues.push({ path: at, message: `routing_model names "${from}", which is not a screen` });
		if (!Array.isArray(targets)) {
			issues.push({ path: at, message: 'must be a list of screen ids' });
			continue;
		}
		if (targets.length > MAX_BRANCHES) {
			issues.push({ path: at, message: `${targets.length} branches: at most ${MAX_BRANCHES} per screen` });
		}
		targets.forEach((target, index) => {
			if (typeof target !== 'string' || !byId.has(target)) {
				issues.push({ path: `${at}[${index}]`, message: `routing target ${JSON.stringify(target)} is not a screen` });
			} else {
				addEdge(from, target);
			}
		});
	}
	for (const [from, targets] of edges) {
		if (targets.size > MAX_BRANCHES && !(isObject(model) && from in model)) {
			issues.push({ path: `screens[${byId.get(from)?.index ?? 0}]`, message: `${targets.size} branches: at most ${MAX_BRANCHES} per screen` });
		}
	}
}

function findNulls(value: unknown, path: string, issues: FlowJsonIssue[]): void {
	if (value === null) {
		issues.push({ path: path || '$', message: 'null is not allowed in Flow JSON' });
		return;
	}
	if (Array.isArray(value)) {
		value.forEach((child, index) => findNulls(child, `${path}[${index}]`, issues));
	} else if (isObject(value)) {
		for (const [key, child] of Object.entries(value)) findNulls(child, path ? `${path}.${key}` : key, issues);
	}
}
