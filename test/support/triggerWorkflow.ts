import { createHash, randomUUID } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CredentialsByType, WorkflowJson } from './harness';

export interface TriggerWorkflowOptions {
	parameters?: IDataObject;
	credentials?: CredentialsByType;
	/** Saved credential ids by type; by default derived from the data (different data, a different saved credential). */
	credentialIds?: Record<string, string>;
	/** Scopes what the trigger remembers (de-duplication); default a new id. */
	workflowId?: string;
	typeVersion?: number;
}

/**
 * A saved workflow holding one of this package's triggers, named "Trigger". Credential
 * references carry ids as n8n saves them: triggers cache credentials by id, so data that differs
 * gets its own id unless a test says it is the same saved credential.
 */
/** The trigger node's id: with the workflow id it scopes what the trigger remembers (de-duplication). */
export const TRIGGER_NODE_ID = 'trigger-node-id';

export function triggerWorkflow(type: string, options: TriggerWorkflowOptions = {}): WorkflowJson {
	const credentials = Object.fromEntries(
		Object.entries(options.credentials ?? {}).map(([name, data]) => [name, { id: options.credentialIds?.[name] ?? `${name}-${contentId(data)}`, name }]),
	);
	return {
		id: options.workflowId ?? `wf-${randomUUID()}`,
		nodes: [
			{
				id: TRIGGER_NODE_ID,
				name: 'Trigger',
				type: `n8n-nodes-chatflow.${type}`,
				typeVersion: options.typeVersion ?? 1,
				position: [0, 0],
				webhookId: 'abc-123',
				parameters: (options.parameters ?? {}) as INodeParameters,
				credentials,
			},
		],
		connections: {},
	};
}

function contentId(data: unknown): string {
	return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 12);
}
