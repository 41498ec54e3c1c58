import { ExecutionLifecycleHooks, HookContext } from 'n8n-core';
import type { IDataObject, IWorkflowBase, WebhookSetupMethodNames } from 'n8n-workflow';

import { HarnessCredentialsHelper, type CredentialsByType } from './credentialsHelper';
import { ensureEngine } from './engine';
import type { LogEntry } from './logger';
import { buildWorkflow, createAdditionalData, harnessNodeTypes, type WorkflowJson } from './runWorkflow';

export interface RunHookOptions {
	/** The workflow the trigger is in; its `staticData` is where registration state is kept. */
	workflow: WorkflowJson;
	/** The trigger node whose `webhookMethods.default[method]` runs. */
	node: string;
	method: WebhookSetupMethodNames;
	credentials?: CredentialsByType;
	/** n8n's webhook base URL (the production URL is `<base>/<webhookId>/<path>`). */
	webhookBaseUrl?: string;
	/** 'trigger' when a workflow is activated (default); 'manual' when the editor listens for a test event. */
	mode?: 'trigger' | 'manual';
}

export interface HookRunResult {
	/** What the method returned (checkExists: whether the registration is in place). */
	returned: boolean;
	/** The workflow's static data after the call: pass it to the next call as n8n does. */
	staticData: IDataObject;
	/** The production URL n8n gives the node's default webhook. */
	webhookUrl: string;
	logs: LogEntry[];
}

/**
 * Runs a trigger's activation hook (checkExists, create, delete) the way n8n does when a workflow
 * is activated or deactivated: through n8n-core's own HookContext, with the harness's credentials,
 * on a `Workflow` whose static data survives from one call to the next (n8n saves it with the
 * workflow after each hook). Rejects with what the hook threw.
 */
export async function runHook(options: RunHookOptions): Promise<HookRunResult> {
	const engine = await ensureEngine();
	const types = harnessNodeTypes();
	const { source, workflow } = buildWorkflow(options.workflow, options.credentials, true);
	const node = workflow.getNode(options.node);
	if (!node) throw new Error(`harness: node "${options.node}" is not in the workflow`);
	const type = types.getByNameAndVersion(node.type, node.typeVersion);
	const method = type.webhookMethods?.default?.[options.method];
	if (!method) throw new Error(`harness: ${node.type} has no webhookMethods.default.${options.method}`);

	const mode = options.mode ?? 'trigger';
	const hooks = new ExecutionLifecycleHooks(mode, 'hook', source as unknown as IWorkflowBase);
	const additionalData = createAdditionalData(hooks, new HarnessCredentialsHelper({ ...(options.credentials ?? {}) }), 'hook');
	if (options.webhookBaseUrl) additionalData.webhookBaseUrl = options.webhookBaseUrl;
	const context = new HookContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
	engine.logger.drain();
	const returned = await method.call(context);
	return {
		returned,
		// n8n keeps static data in an observable proxy (to know when to save it): copy it out as JSON.
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		webhookUrl: context.getNodeWebhookUrl('default') ?? '',
		logs: engine.logger.drain(),
	};
}
