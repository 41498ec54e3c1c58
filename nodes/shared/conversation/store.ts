import { NodeOperationError, type IExecuteFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { openSignals, type RedisCredentials, type Signals } from '../store';
import { openAtomicStore, type AtomicStore } from '../store/atomic';
import { QUEUE_MODE_WITHOUT_STORE, runsInQueueMode } from '../store/queueMode';

/** Every conversation key (waits, sessions, retry counters) lives under this scope. */
export const CONVERSATION_SCOPE = 'conv:';

/** The conversation store: Redis when the node has a chatflowRedisApi credential, else this process. */
export function openConversationStore(credentials: RedisCredentials | undefined): AtomicStore {
	return openAtomicStore(credentials, CONVERSATION_SCOPE);
}

/** Wake-up signals between a waiting node and the trigger (same place as the store). */
export function openConversationSignals(credentials: RedisCredentials | undefined): Signals {
	return openSignals(credentials, CONVERSATION_SCOPE);
}

/** The node's chatflowRedisApi credential, or undefined when none is selected. */
export async function conversationRedisCredentials(
	ctx: Pick<IExecuteFunctions | IWebhookFunctions, 'getCredentials' | 'getNode'>,
): Promise<RedisCredentials | undefined> {
	if (!ctx.getNode().credentials?.chatflowRedisApi) return undefined;
	return (await ctx.getCredentials('chatflowRedisApi')) as RedisCredentials;
}

/**
 * In queue mode a Conversation node without a State Store credential keeps its state in the
 * worker that runs it. Wait for Reply cannot work so (the reply reaches a webhook processor, which
 * never sees the wait): it fails with what to select. Session works with a single worker only,
 * so it runs, logs a warning and shows a hint under the node's output.
 */
export function checkQueueModeStore(ctx: IExecuteFunctions, credentials: RedisCredentials | undefined, operation: 'waitForReply' | 'session'): void {
	if (credentials || !runsInQueueMode()) return;
	const node = ctx.getNode();
	if (operation === 'waitForReply') {
		throw new NodeOperationError(node, `${QUEUE_MODE_WITHOUT_STORE}, so Wait for Reply would never see the contact's reply`, {
			description: 'Select the same State Store (Redis) credential on this node and on the Chatflow trigger of the workflow.',
		});
	}
	const message = `${QUEUE_MODE_WITHOUT_STORE}: sessions are not shared between workers; select a State Store credential`;
	ctx.logger.warn(`${node.name}: ${message}`, { workflowId: ctx.getWorkflow().id, node: node.name });
	ctx.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
}
