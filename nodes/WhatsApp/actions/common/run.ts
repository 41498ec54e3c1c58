import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getRateLimiter, type ItemResult, type RateLimiter } from '../../../shared/concurrency';
import type { GraphClient } from '../../../shared/graph';
import { MessageFieldError } from '../../../shared/fields';
import type { TemplateDefinition } from '../../builders';

/** What every operation gets besides `this`: one Graph client and the run's shared state. */
export interface WhatsAppRun {
	graph: GraphClient;
	/** The account's throughput limiter for a sending phone number id. */
	limiterFor(phoneNumberId: string): RateLimiter;
	/** Templates loaded once per run (name|language → definition). */
	templates: Map<string, Promise<TemplateDefinition>>;
}

export type OperationExecute = (
	this: IExecuteFunctions,
	run: WhatsAppRun,
	itemIndex: number,
) => Promise<ItemResult>;

export const DEFAULT_MESSAGES_PER_SECOND = 80;
export const DEFAULT_CONCURRENCY = 50;

export function createRun(graph: GraphClient, messagesPerSecond: number): WhatsAppRun {
	return {
		graph,
		limiterFor: (phoneNumberId) => getRateLimiter(`whatsapp:${phoneNumberId}`, { ratePerSecond: messagesPerSecond }),
		templates: new Map(),
	};
}

/** Builder errors name the field; n8n shows them as the item's NodeOperationError. */
export async function withFieldErrors<T>(ctx: IExecuteFunctions, itemIndex: number, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, itemIndex);
	}
}

/** A field error becomes a NodeOperationError naming the field; n8n errors pass unchanged. */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof MessageFieldError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: `Field: ${error.field}` });
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
