/**
 * Whether this n8n runs in queue mode, where webhooks, triggers and executions happen in
 * different processes (main, webhook processors, workers). n8n's documentation requires
 * EXECUTIONS_MODE=queue on every one of those processes, so each of them can tell from its own
 * environment. There the in-process store is not shared: de-duplication only sees what reached
 * the same process, and a reply received by a webhook processor cannot find the wait a worker
 * recorded. The State Store (Redis) credential is what makes state shared.
 */
export function runsInQueueMode(env: NodeJS.ProcessEnv = process.env): boolean {
	return String(env.EXECUTIONS_MODE ?? '').trim().toLowerCase() === 'queue';
}

/** Why a node without a State Store credential is limited in queue mode (log lines, errors, hints). */
export const QUEUE_MODE_WITHOUT_STORE =
	'n8n runs in queue mode (EXECUTIONS_MODE=queue) and this node has no State Store (Redis) credential: its state stays in one process';

/** The node type whose Wait for Reply needs the trigger and the worker to share state. */
export const CONVERSATION_NODE_TYPE = 'n8n-nodes-chatflow.chatflowConversation';
