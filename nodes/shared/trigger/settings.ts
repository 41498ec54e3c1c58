import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { RedisCredentials } from '../store';
import type { Channel, EventFilter } from '../ingestion/types';
import { webhookCredential } from '../webhook/credentialCache';

/** What one trigger node was configured with, read once per request. */
export interface TriggerSettings {
	channel: Channel;
	filter: EventFilter;
	/** 0 disables de-duplication. */
	dedupeWindowMs: number;
	/** True: a delivery is refused (503) while the State Store is unreachable, instead of passing unchecked. */
	refuseWithoutStore: boolean;
	maxBodyBytes: number;
	downloadMedia: boolean;
	binaryProperty: string;
	/** Media larger than this is not downloaded. */
	maxMediaBytes: number;
	/** Viber: the message to answer conversation_started with, or undefined. */
	welcome?: IDataObject;
}

const MINUTE = 60_000;

export function readSettings(ctx: IWebhookFunctions, channel: Channel): TriggerSettings {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const accountIds = String(ctx.getNodeParameter('accountIds', '') ?? '')
		.split(/[\s,]+/)
		.filter(Boolean);
	return {
		channel,
		filter: {
			events: ctx.getNodeParameter('events', []) as string[],
			statuses: ctx.getNodeParameter('statuses', []) as string[],
			messageTypes: ctx.getNodeParameter('messageTypes', []) as string[],
			accountIds,
		},
		dedupeWindowMs: Math.max(0, Number(options.dedupeWindowMinutes ?? 1440)) * MINUTE,
		refuseWithoutStore: options.whenStoreUnreachable === 'refuse',
		maxBodyBytes: Math.max(1, Number(options.maxBodySizeKb ?? 4096)) * 1024,
		downloadMedia: ctx.getNodeParameter('downloadMedia', false) as boolean,
		binaryProperty: String(ctx.getNodeParameter('binaryProperty', 'data') || 'data'),
		maxMediaBytes: Math.floor(Math.max(0.01, Number(ctx.getNodeParameter('maxMediaSizeMb', 100)) || 100) * 1024 * 1024),
		welcome: channel === 'viber' ? welcomeMessage(ctx) : undefined,
	};
}

function welcomeMessage(ctx: IWebhookFunctions): IDataObject | undefined {
	if (!(ctx.getNodeParameter('sendWelcome', false) as boolean)) return undefined;
	// The sender (name, avatar) comes from the Viber credential when the answer is written.
	return { type: 'text', text: String(ctx.getNodeParameter('welcomeText', '')) };
}

/** An optional credential: undefined when the node has none selected (cached: see webhookCredential). */
export async function optionalCredentials<T extends object>(
	ctx: Pick<IWebhookFunctions, 'getCredentials' | 'getNode'>,
	type: string,
): Promise<T | undefined> {
	if (!ctx.getNode().credentials?.[type]) return undefined;
	return (await webhookCredential(ctx, type)).data as unknown as T;
}

export async function redisCredentials(ctx: IWebhookFunctions): Promise<RedisCredentials | undefined> {
	return await optionalCredentials<RedisCredentials>(ctx, 'chatflowRedisApi');
}
