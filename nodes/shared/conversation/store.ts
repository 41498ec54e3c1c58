import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { openSignals, type RedisCredentials, type Signals } from '../store';
import { openAtomicStore, type AtomicStore } from '../store/atomic';

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
