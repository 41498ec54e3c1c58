import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { openStore, type KeyValueStore, type RedisCredentials } from '../store';

/**
 * Each item of an execution sent at most once, when the node has a State Store (Redis)
 * credential. In queue mode n8n runs a job again when its worker died (a stalled job): the same
 * execution, from the start. Without a record every item would be sent a second time; with one,
 * an item whose send was answered returns that answer again (`alreadySent: true`) instead of
 * being posted.
 *
 * The record is claimed before the send and holds the answer after it. An item claimed but not
 * answered when the worker died may or may not have reached the platform: it is sent again and
 * logged, so a re-run job can double only the items that were in flight (at most the node's
 * parallel items), never lose one. A failed send drops its claim, so the re-run tries it. When
 * the store itself fails, items are sent unprotected (logged): the store must not stop sending.
 */
export interface SendOnce {
	send(itemIndex: number, post: () => Promise<IDataObject>): Promise<IDataObject>;
}

/** How long a record is kept: n8n re-runs a stalled job within minutes; a day leaves ample margin. */
const CLAIM_TTL_MS = 24 * 3600_000;
const SENDING = 'sending';

export async function openSendOnce(ctx: IExecuteFunctions): Promise<SendOnce | undefined> {
	const node = ctx.getNode();
	if (!node.credentials?.chatflowRedisApi) return undefined;
	const store = openStore((await ctx.getCredentials('chatflowRedisApi')) as RedisCredentials, 'sent:');
	// A node inside a loop runs several times in one execution: each run is its own set of items.
	const runIndex = Number(ctx.evaluateExpression('{{ $runIndex }}', 0)) || 0;
	const prefix = `${ctx.getWorkflow().id ?? ''}:${ctx.getExecutionId()}:${node.id}:${runIndex}:`;
	const warn = (message: string) => ctx.logger.warn(`${node.name}: ${message}`, { workflowId: ctx.getWorkflow().id, executionId: ctx.getExecutionId() });
	return { send: async (itemIndex, post) => await sendOnce(store, prefix + itemIndex, itemIndex, post, warn) };
}

async function sendOnce(store: KeyValueStore, key: string, itemIndex: number, post: () => Promise<IDataObject>, warn: (message: string) => void): Promise<IDataObject> {
	let claimed: boolean;
	try {
		claimed = await store.setIfAbsent(key, SENDING, CLAIM_TTL_MS);
		if (!claimed) {
			const previous = await store.get(key);
			if (previous !== undefined && previous !== SENDING) return { ...(JSON.parse(previous) as IDataObject), alreadySent: true };
			warn(`item ${itemIndex} was being sent when this execution stopped before; it is sent again (the recipient may get it twice)`);
		}
	} catch (error) {
		warn(`item ${itemIndex} is sent without its send-once record: ${(error as Error).message}`);
		return await post();
	}
	let output: IDataObject;
	try {
		output = await post();
	} catch (error) {
		await store.delete(key).catch(() => undefined);
		// The send's own error (already a node error naming its item), passed on unchanged.
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		throw error;
	}
	await store.set(key, JSON.stringify(output), CLAIM_TTL_MS).catch((error: Error) => warn(`item ${itemIndex}'s send-once record was not saved: ${error.message}`));
	return output;
}
