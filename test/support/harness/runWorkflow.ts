import { performance } from 'node:perf_hooks';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IPinData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { HarnessCredentialsHelper, type CredentialsByType } from './credentialsHelper';
import { ensureEngine } from './engine';
import { HarnessNodeTypes, type AnyNodeType } from './nodeTypes';
import { createResult, type WorkflowRunResult } from './result';

/** A workflow as n8n exports it (extra fields such as id, name, meta are ignored). */
export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
	staticData?: IDataObject;
	name?: string;
	id?: string;
}

export interface RunWorkflowOptions {
	workflow: WorkflowJson;
	/** Credential data by credential TYPE name; every node reference to that type gets it. */
	credentials?: CredentialsByType;
	/** Items the start node receives (plain objects become `{ json }`); default one empty item. */
	input?: Array<INodeExecutionData | IDataObject>;
	/** Name of the node to start at; default: the first trigger, else the first node without inputs. */
	startNode?: string;
	/** n8n execution mode; default 'trigger' (a production run, where a trigger emits `input`). */
	mode?: WorkflowExecuteMode;
	/** Extra node types by full type name (e.g. 'test.makeBinary'), kept for later runs too. */
	nodeTypes?: Record<string, AnyNodeType>;
	/**
	 * The execution's id (default: a new one per run). Passing an id again runs that execution
	 * again from the start, as n8n does with a queue-mode job whose worker died.
	 */
	executionId?: string;
}

let nodeTypes: HarnessNodeTypes | undefined;
let executionCounter = 0;

/** The process-wide node types (loaded once, reused by every run). */
export function harnessNodeTypes(): HarnessNodeTypes {
	nodeTypes ??= new HarnessNodeTypes();
	return nodeTypes;
}

/** Runs `workflow` through n8n-core's WorkflowExecute; resolves when the run ends, also on error. */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	const engine = await ensureEngine();
	const types = harnessNodeTypes();
	for (const [name, type] of Object.entries(options.nodeTypes ?? {})) types.register(name, type);
	const { source, workflow } = buildWorkflow(options.workflow, options.credentials, false);
	const executionId = options.executionId ?? String(++executionCounter);
	const start = startNodeOf(workflow, types, options.startNode);
	const mode = options.mode ?? 'trigger';

	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowBase(source));
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executedNodes.push(nodeName);
	});
	const additionalData = createAdditionalData(hooks, new HarnessCredentialsHelper({ ...(options.credentials ?? {}) }), executionId);

	const runExecutionData = createRunExecutionData({
		resultData: { pinData: source.pinData },
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [toItems(options.input)] }, source: null }],
		},
	});
	engine.logger.drain();
	const startedAt = performance.now();
	const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	const durationMs = performance.now() - startedAt;
	return createResult(run, executedNodes, engine.logger.drain(), durationMs);
}

/**
 * n8n's Workflow for a copy of `json` (the engine mutates what it runs: parameters get defaults,
 * disabled flags), its nodes pointed at the given credentials. Unknown node types fail here.
 */
export function buildWorkflow(json: WorkflowJson, given: CredentialsByType | undefined, active: boolean): { source: WorkflowJson; workflow: Workflow } {
	const types = harnessNodeTypes();
	const credentials = { ...(given ?? {}) };
	const source = structuredClone(json);
	for (const node of source.nodes) {
		types.getByNameAndVersion(node.type, node.typeVersion);
		attachCredentials(node, types, credentials);
	}
	const workflow = new Workflow({
		id: source.id ?? 'harness',
		name: source.name ?? 'harness',
		nodes: source.nodes,
		connections: source.connections,
		nodeTypes: types,
		active,
		staticData: source.staticData ?? {},
		settings: { executionOrder: 'v1', ...source.settings },
		pinData: source.pinData,
	});
	return { source, workflow };
}

/**
 * Points the node at the credentials given by type. A reference already in the workflow JSON
 * (an id from another n8n) is kept: the helper resolves every reference of a type to its data.
 */
function attachCredentials(node: INode, types: HarnessNodeTypes, credentials: CredentialsByType): void {
	const declared = types.getByNameAndVersion(node.type, node.typeVersion).description.credentials ?? [];
	for (const { name } of declared) {
		if (!(name in credentials) || node.credentials?.[name]) continue;
		node.credentials = { ...node.credentials, [name]: { id: name, name } };
	}
}

function startNodeOf(workflow: Workflow, types: HarnessNodeTypes, name: string | undefined): INode {
	if (name !== undefined) {
		const node = workflow.getNode(name);
		if (!node) throw new Error(`harness: startNode "${name}" is not in the workflow (nodes: ${Object.keys(workflow.nodes).join(', ')})`);
		return node;
	}
	const nodes = Object.values(workflow.nodes).filter((node) => !node.disabled);
	const isTrigger = (node: INode) => {
		const type = types.getByNameAndVersion(node.type, node.typeVersion);
		return Boolean(type.trigger || type.webhook || type.poll || type.description.group.includes('trigger'));
	};
	const hasParent = (node: INode) => workflow.getParentNodes(node.name, 'main', 1).length > 0;
	const start = nodes.find(isTrigger) ?? nodes.find((node) => !hasParent(node));
	if (!start) throw new Error('harness: the workflow has no start node; pass startNode');
	return start;
}

function toItems(input: RunWorkflowOptions['input']): INodeExecutionData[] {
	if (!input) return [{ json: {} }];
	return input.map((item, index) => {
		const isExecutionItem = typeof item.json === 'object' && item.json !== null && !Array.isArray(item.json);
		const executionItem = isExecutionItem ? (item as INodeExecutionData) : { json: item as IDataObject };
		return { pairedItem: { item: index }, ...executionItem };
	});
}

function workflowBase(source: WorkflowJson): IWorkflowBase {
	const now = new Date();
	return {
		id: source.id ?? 'harness',
		name: source.name ?? 'harness',
		active: false,
		isArchived: false,
		createdAt: now,
		updatedAt: now,
		nodes: source.nodes,
		connections: source.connections,
		settings: source.settings,
		activeVersionId: null,
	};
}

/** What n8n's server passes to an execution; features the harness lacks say so when used. */
export function createAdditionalData(
	hooks: ExecutionLifecycleHooks,
	credentialsHelper: HarnessCredentialsHelper,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const unsupported = (feature: string) => async () => {
		throw new Error(`harness: ${feature} is not supported in-process; use the e2e layer (test/e2e)`);
	};
	const base = 'http://127.0.0.1:5678';
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		hooks,
		credentialsHelper,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: unsupported('executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('the Code node (task runners)'),
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}
