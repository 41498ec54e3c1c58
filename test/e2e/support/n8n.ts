/**
 * What an e2e suite uses to talk to the real n8n that global-setup started:
 *
 *   const n8n = await connectE2e();
 *   const credential = await n8n.api.createCredential('chatflowMetaAppApi', 'meta', { ... });
 *   const workflowId = await n8n.api.createWorkflow(workflowJson);   // activates, waits for webhooks
 *   await fetch(n8n.api.webhookUrl(webhookId, 'webhook'), { method: 'POST', body });
 *   const executions = await n8n.api.waitForExecutions(workflowId, 1);   // with data
 *   expect(n8n.logs()).not.toContain(secret);
 *
 * Node types of this package are `n8n-nodes-chatflow.<name>` (see `nodeType`).
 */
import { readFileSync } from 'node:fs';

import { N8nApi } from '../../../scripts/n8n/api';
import { stateFile, type E2eState } from './state';

export { type ExecutionSummary, type WorkflowJson } from '../../../scripts/n8n/api';

export const PACKAGE_NAME = 'n8n-nodes-chatflow';

export function nodeType(name: string): string {
	return `${PACKAGE_NAME}.${name}`;
}

export interface E2eContext {
	api: N8nApi;
	state: E2eState;
	/** Everything n8n has logged so far (for secret-leak checks and debugging). */
	logs(): string;
	/** Items a node output in an execution: `output(execution, 'Send')[0]` is its first output. */
	output(execution: import('../../../scripts/n8n/api').ExecutionSummary, node: string): Array<Array<Record<string, unknown>>>;
}

export async function connectE2e(): Promise<E2eContext> {
	const state = JSON.parse(readFileSync(stateFile(), 'utf8')) as E2eState;
	const api = new N8nApi(state.url, state.apiKey, state.cookie);
	return {
		api,
		state,
		logs: () => readFileSync(state.logFile, 'utf8'),
		output(execution, node) {
			const runs = execution.data?.resultData.runData[node];
			if (!runs?.length) {
				throw new Error(`node "${node}" did not run in execution ${execution.id}; ran: ${Object.keys(execution.data?.resultData.runData ?? {}).join(', ')}`);
			}
			return (runs[runs.length - 1].data?.main ?? []).map((items) => (items ?? []).map((item) => item.json));
		},
	};
}
