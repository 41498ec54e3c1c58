import type { IExecuteFunctions } from 'n8n-workflow';

import { getRateLimiter, type RateLimiter } from '../concurrency';
import { GraphClient, segment, type RetryPolicy } from '../graph';
import type { MetaChannel } from './types';

/**
 * The sending account of a Messenger or Instagram node run: the Graph client (credential loaded
 * once), the path of its Send API and its shared rate limiter. Instagram accounts on the
 * Instagram Login route talk to graph.instagram.com unless the credential overrides the base URL.
 */
export interface MetaAccount {
	channel: MetaChannel;
	graph: GraphClient;
	/** Page id (Messenger) or Instagram account id; also the limiter key. */
	accountId: string;
	limiter: RateLimiter;
	/** `path` under the account's Graph host and version (absolute for graph.instagram.com). */
	path(path: string): string;
	/** `POST` target of the Send API. */
	messagesPath: string;
}

export interface MetaAccountOptions {
	ratePerSecond: number;
	retry?: Partial<RetryPolicy>;
	/** Items in flight at once: sizes the connection pool. */
	concurrency?: number;
}

const CREDENTIAL = { messenger: 'chatflowMessengerApi', instagram: 'chatflowInstagramApi' } as const;

export const INSTAGRAM_LOGIN_BASE_URL = 'https://graph.instagram.com';

export async function openMetaAccount(ctx: IExecuteFunctions, channel: MetaChannel, options: MetaAccountOptions): Promise<MetaAccount> {
	const graph = await GraphClient.create(ctx, CREDENTIAL[channel], { retry: options.retry, concurrency: options.concurrency });
	const accountId = graph.field(channel === 'messenger' ? 'pageId' : 'accountId');
	const instagramLogin = channel === 'instagram' && graph.field('route') !== 'page';
	const path = (p: string) => {
		if (!instagramLogin || graph.field('baseUrl') !== '') return p;
		const version = graph.field('apiVersion').replace(/^\/+|\/+$/g, '');
		return `${INSTAGRAM_LOGIN_BASE_URL}${version ? `/${version}` : ''}${p}`;
	};
	// The Page route sends as the page that owns the token (`me`); the other routes name the account.
	const sender = channel === 'instagram' && !instagramLogin ? 'me' : segment(accountId);
	return {
		channel,
		graph,
		accountId,
		limiter: getRateLimiter(`${channel}:${accountId}`, { ratePerSecond: options.ratePerSecond }),
		path,
		messagesPath: path(`/${sender}/messages`),
	};
}
