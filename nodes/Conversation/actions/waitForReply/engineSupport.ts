/**
 * Can the n8n that runs this node resume a conversation saved as waiting?
 *
 * A saved wait resumes with the node run as "disabled", and the node's three outputs (Reply,
 * Timed Out, Not Accepted) reach the canvas only when the engine honours the node's
 * `forwardAllOutputs` metadata. n8n-core has done so since 2.39.0; older engines (n8n 1.x and
 * 2.x before 2.39) forward the first input only, so a resumed wait ends "successfully" with
 * nothing after the node. n8n tells a node neither its version nor its engine's features, so
 * this looks at the engine itself: the module that defines the running context's class lives
 * in n8n-core's `execution-engine` folder, next to the `WorkflowExecute` that runs the nodes,
 * and that class either mentions `forwardAllOutputs` or it does not. `undefined` when the
 * engine cannot be found (an unusual build): then nothing is refused.
 */
import * as path from 'node:path';

type ModuleCache = Record<string, { exports?: unknown } | undefined>;

const answers = new WeakMap<object, boolean | undefined>();

export function engineForwardsAllOutputs(context: object, modules: ModuleCache = require.cache): boolean | undefined {
	const contextClass = Object.getPrototypeOf(context)?.constructor as object | undefined;
	if (!contextClass) return undefined;
	if (answers.has(contextClass)) return answers.get(contextClass);
	const answer = inspectEngine(contextClass, modules);
	answers.set(contextClass, answer);
	return answer;
}

function inspectEngine(contextClass: object, modules: ModuleCache): boolean | undefined {
	const contextFile = Object.keys(modules).find((file) => exportsValue(modules[file]?.exports, contextClass));
	if (!contextFile) return undefined;
	const engineFolder = enclosingFolder(contextFile, 'execution-engine');
	if (!engineFolder) return undefined;
	const engine = modules[path.join(engineFolder, 'workflow-execute.js')]?.exports as { WorkflowExecute?: { prototype: object } } | undefined;
	const prototype = engine?.WorkflowExecute?.prototype;
	if (!prototype) return undefined;
	return Object.getOwnPropertyNames(prototype).some((name) => {
		const member = Object.getOwnPropertyDescriptor(prototype, name)?.value;
		return typeof member === 'function' && Function.prototype.toString.call(member).includes('forwardAllOutputs');
	});
}

function exportsValue(exported: unknown, value: object): boolean {
	if (exported === value) return true;
	if (!exported || typeof exported !== 'object') return false;
	try {
		return Object.keys(exported).some((key) => {
			const descriptor = Object.getOwnPropertyDescriptor(exported, key);
			// Plain values only: re-exports through getters would pick an index file, not the
			// file that defines the class.
			return descriptor !== undefined && 'value' in descriptor && descriptor.value === value;
		});
	} catch {
		// Some modules export proxies that throw when listed; they define no context class.
		return false;
	}
}

function enclosingFolder(file: string, name: string): string | undefined {
	let folder = path.dirname(file);
	while (path.basename(folder) !== name) {
		const parent = path.dirname(folder);
		if (parent === folder) return undefined;
		folder = parent;
	}
	return folder;
}
