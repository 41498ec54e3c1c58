import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { IDataObject, ILoadOptionsFunctions, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { HarnessCredentialsHelper, type CredentialsByType } from './credentialsHelper';
import { ensureEngine } from './engine';
import { PACKAGE_NODE_PREFIX } from './paths';
import { buildWorkflow, createAdditionalData, type WorkflowJson } from './runWorkflow';

export interface LoadOptionsContextOptions {
	/** This package's node by name ('chatflowWhatsApp'), or a full type name. */
	type: string;
	typeVersion: number;
	/** The node's parameters as the editor has them while the user edits the node. */
	parameters: IDataObject;
	credentials: CredentialsByType;
	/** Path of the parameter whose options are loaded (e.g. 'parameters.template'). */
	path?: string;
}

/**
 * n8n-core's own LoadOptionsContext, as n8n builds it when the editor asks a node for a list
 * search, options or resource-mapper fields: the node with the editor's current parameters,
 * credentials resolved by the harness's credentials helper, n8n's request helpers.
 */
export async function loadOptionsContext(options: LoadOptionsContextOptions): Promise<ILoadOptionsFunctions> {
	await ensureEngine();
	const type = options.type.includes('.') ? options.type : PACKAGE_NODE_PREFIX + options.type;
	const parameters = options.parameters as INodeParameters;
	const json: WorkflowJson = {
		nodes: [{ id: 'node', name: 'Node', type, typeVersion: options.typeVersion, position: [0, 0], parameters }],
		connections: {},
	};
	const { source, workflow } = buildWorkflow(json, options.credentials, false);
	const hooks = new ExecutionLifecycleHooks('internal', 'load-options', source as unknown as IWorkflowBase);
	const additionalData = createAdditionalData(hooks, new HarnessCredentialsHelper({ ...options.credentials }), 'load-options');
	additionalData.currentNodeParameters = parameters;
	const node = workflow.getNode('Node');
	if (!node) throw new Error('harness: the load-options node is missing from its workflow');
	return new LoadOptionsContext(workflow, node, additionalData, options.path ?? 'parameters');
}
