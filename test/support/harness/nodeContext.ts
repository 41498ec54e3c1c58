import { ExecuteContext, ExecutionLifecycleHooks } from 'n8n-core';
import {
	createRunExecutionData,
	type IExecuteData,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeType,
	type IWorkflowBase,
	type NodeEgressFilter,
} from 'n8n-workflow';

import { packageCredentialTypes } from './credentialTypes';
import { HarnessCredentialsHelper, type CredentialsByType } from './credentialsHelper';
import { ensureEngine } from './engine';
import { asN8n1 } from './olderN8n';
import { buildWorkflow, createAdditionalData, harnessNodeTypes, type WorkflowJson } from './runWorkflow';

export interface NodeContextOptions {
	credentials: CredentialsByType;
	/**
	 * What `helpers.getSecureEgressFilter()` returns: a filter in place of the instance's, or
	 * false for an n8n without the helper (1.x); default n8n-core's own (SSRF protection off).
	 */
	egressFilter?: NodeEgressFilter | false;
	/** The execution's cancel signal (`getExecutionCancelSignal()`): abort it to stop the execution. */
	cancelSignal?: AbortSignal;
}

export interface NodeContext {
	context: IExecuteFunctions;
	/** With `egressFilter: false`: every request handed to n8n's httpRequestWithAuthentication. */
	sentThroughN8n: IHttpRequestOptions[];
}

/** A node that may use every credential type of this package, and does nothing itself. */
const CONTEXT_NODE_TYPE = 'test.platformCaller';

/**
 * n8n-core's own execute context of a node in a running execution, for code that takes a node's
 * `this` (the platform clients, the HTTP layer): credentials through n8n's credentials helper,
 * n8n's request helpers and egress filter, its logger (lines land in the harness logger) and
 * cancel signal. The node is a test-only type that may use every credential of the package.
 */
export async function nodeContext(options: NodeContextOptions): Promise<NodeContext> {
	await ensureEngine();
	const types = harnessNodeTypes();
	if (!types.has(CONTEXT_NODE_TYPE)) types.register(CONTEXT_NODE_TYPE, platformCaller());
	const json: WorkflowJson = {
		nodes: [{ id: 'node', name: 'Node', type: CONTEXT_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} }],
		connections: {},
	};
	const { source, workflow } = buildWorkflow(json, options.credentials, false);
	const hooks = new ExecutionLifecycleHooks('trigger', 'context', source as unknown as IWorkflowBase);
	const additionalData = createAdditionalData(hooks, new HarnessCredentialsHelper({ ...options.credentials }), 'context');
	const node = workflow.getNode('Node');
	if (!node) throw new Error('harness: the context node is missing from its workflow');
	const items: INodeExecutionData[] = [{ json: {}, pairedItem: { item: 0 } }];
	const executeData: IExecuteData = { node, data: { main: [items] }, source: null };
	const runExecutionData = createRunExecutionData({});
	const context: IExecuteFunctions = new ExecuteContext(workflow, node, additionalData, 'trigger', runExecutionData, 0, items, { main: [items] }, executeData, [], options.cancelSignal);

	const sentThroughN8n: IHttpRequestOptions[] = [];
	const { egressFilter } = options;
	if (egressFilter === false) return { context: asN8n1(context, sentThroughN8n), sentThroughN8n };
	if (!egressFilter) return { context, sentThroughN8n };
	const helpers = { ...context.helpers, getSecureEgressFilter: () => egressFilter };
	return { context: Object.create(context, { helpers: { value: helpers } }) as IExecuteFunctions, sentThroughN8n };
}

function platformCaller(): INodeType {
	return {
		description: {
			displayName: 'Platform caller (test)',
			name: CONTEXT_NODE_TYPE,
			group: ['transform'],
			version: 1,
			description: 'Test-only node whose context the platform clients run in',
			defaults: { name: 'Platform caller' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [...packageCredentialTypes().keys()].map((name) => ({ name, required: false })),
			properties: [],
		},
	};
}
