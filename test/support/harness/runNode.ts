import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import type {
	ExecutionError,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	NodeEgressFilter,
	NodeExecutionHint,
} from 'n8n-workflow';

import type { CredentialsByType } from './credentialsHelper';
import { asN8n1 } from './olderN8n';
import { PACKAGE_NODE_PREFIX } from './paths';
import type { WorkflowRunResult } from './result';
import { harnessNodeTypes, runWorkflow, type WorkflowJson } from './runWorkflow';

export interface RunNodeOptions {
	/** This package's node by name ('chatflowViber'), or a full type name. */
	type: string;
	/** The node version a saved workflow would carry: parameters and failed-item shapes differ per version. */
	typeVersion: number;
	/** The node's parameters as saved in a workflow (expressions start with '='). */
	parameters: IDataObject;
	/** The node's input items (plain objects become `{ json }`); default one empty item. */
	input?: Array<INodeExecutionData | IDataObject>;
	credentials: CredentialsByType;
	/** The node setting "On Error: Continue" (onError 'continueRegularOutput'). */
	continueOnFail?: boolean;
	/**
	 * What n8n's outbound rules give the node (`helpers.getSecureEgressFilter()`): a filter to use
	 * in place of the instance's for this run, or false for an n8n without the helper (1.x).
	 */
	egressFilter?: NodeEgressFilter | false;
}

export interface NodeRunResult {
	/** Output 0 of the node: json, binary and pairedItem of each item; [] when it failed. */
	items: INodeExecutionData[];
	/** The error that stopped the node (without continueOnFail); undefined when it finished. */
	error: ExecutionError | undefined;
	/** Hints the node added with addExecutionHints (shown under the node in the editor). */
	hints: NodeExecutionHint[];
	/** With `egressFilter: false`: every request the node handed to n8n's httpRequestWithAuthentication. */
	sentThroughN8n: IHttpRequestOptions[];
	/** The whole run: logs, the raw IRun, binary accessors. */
	run: WorkflowRunResult;
}

export const NODE_NAME = 'Node';

/** Requests of the current run that went through n8n's request helper (n8n 1.x nodes only). */
const sentThroughN8n: IHttpRequestOptions[] = [];

/**
 * Runs one node of this package, alone in a workflow, through n8n-core's engine: `input` is what
 * the node receives, parameters are resolved per item by n8n's expression engine, credentials
 * are applied by the credential type's own `authenticate`, continueOnFail is n8n's node setting.
 * Resolves also when the node fails: the error is in `error`, as n8n records it.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	const type = options.type.includes('.') ? options.type : PACKAGE_NODE_PREFIX + options.type;
	const workflow: WorkflowJson = {
		nodes: [
			{
				id: 'node',
				name: NODE_NAME,
				type: options.egressFilter === false ? olderN8nType(type, options.typeVersion) : type,
				typeVersion: options.typeVersion,
				position: [0, 0],
				parameters: options.parameters as WorkflowJson['nodes'][number]['parameters'],
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: {},
	};
	sentThroughN8n.length = 0;
	const run = await withEgressFilter(options.egressFilter || undefined, async () =>
		await runWorkflow({ workflow, credentials: options.credentials, input: options.input }),
	);
	const tasks = run.run.data.resultData.runData[NODE_NAME] ?? [];
	return {
		items: run.outputs(NODE_NAME)[0] ?? [],
		error: run.nodeError(NODE_NAME),
		hints: tasks.flatMap((task) => task.hints ?? []),
		sentThroughN8n: [...sentThroughN8n],
		run,
	};
}

/**
 * Runs `work` while n8n's outbound service hands out `filter` (what `getSecureEgressFilter()`
 * returns in every node), then restores the instance's own.
 */
export async function withEgressFilter<T>(filter: NodeEgressFilter | undefined, work: () => Promise<T>): Promise<T> {
	if (!filter) return await work();
	const outbound = Container.get(OutboundHttp);
	const own = Object.getOwnPropertyDescriptor(outbound, 'egressFilter');
	Object.defineProperty(outbound, 'egressFilter', { value: () => filter, configurable: true, writable: true });
	try {
		return await work();
	} finally {
		if (own) Object.defineProperty(outbound, 'egressFilter', own);
		else delete (outbound as unknown as Record<string, unknown>).egressFilter;
	}
}

/** The node as an n8n 1.x runs it (see asN8n1), registered as a test-only type beside the real one. */
function olderN8nType(type: string, typeVersion: number): string {
	const name = `test.n8n1.${type.slice(type.lastIndexOf('.') + 1)}.v${typeVersion}`;
	const types = harnessNodeTypes();
	if (types.has(name)) return name;
	const real = types.getByNameAndVersion(type, typeVersion);
	const execute = real.execute as NonNullable<INodeType['execute']>;
	const older: INodeType = {
		description: real.description,
		methods: real.methods,
		async execute(this: IExecuteFunctions) {
			return await execute.call(asN8n1(this, sentThroughN8n));
		},
	};
	types.register(name, older);
	return name;
}

/** The node's output items; rejects with the node's error message when it failed. */
export async function nodeOutput(options: RunNodeOptions): Promise<INodeExecutionData[]> {
	const { items, error } = await runNode(options);
	if (error) throw new Error(`harness: the node failed: ${error.message}`);
	return items;
}

/** The error that stopped the node, as n8n records it; rejects when the node finished. */
export async function nodeFailure(options: RunNodeOptions): Promise<ExecutionError> {
	const { items, error } = await runNode(options);
	if (!error) throw new Error(`harness: expected the node to fail; it output ${JSON.stringify(items.map((item) => item.json))}`);
	return error;
}
