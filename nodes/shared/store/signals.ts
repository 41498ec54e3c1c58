/**
 * Wake-up signals between the processes that share a store: one side listens on a channel, the
 * other notifies it. A signal carries no data (the data goes through the store, where it can be
 * taken exactly once); it only says "look now", so nothing polls. In this process: an event
 * emitter. With Redis: PUBLISH on the credential's command client, SUBSCRIBE on one subscriber
 * client per credential per process, shared by every listener.
 */
import { EventEmitter } from 'node:events';

import type { RedisClient, RedisCredentials } from './redisClient';
import { clientFor } from './redisClient';

export interface Signals {
	/** Wakes whoever listens on `channel` (nobody: nothing happens). */
	notify(channel: string): Promise<void>;
	/** Calls `onSignal` for each signal on `channel`; resolves once listening, with the way to stop. */
	listen(channel: string, onSignal: () => void): Promise<() => Promise<void>>;
}

const EMITTER_KEY = Symbol.for('n8n-nodes-chatflow.signals');

function processEmitter(): EventEmitter {
	const holder = globalThis as unknown as Record<symbol, EventEmitter | undefined>;
	if (!holder[EMITTER_KEY]) {
		const emitter = new EventEmitter();
		// One listener per waiting execution: many at once is expected, not a leak.
		emitter.setMaxListeners(0);
		holder[EMITTER_KEY] = emitter;
	}
	return holder[EMITTER_KEY];
}

/** Signals within this process (the in-process store's companion). */
export function processSignals(namespace: string): Signals {
	const emitter = processEmitter();
	return {
		async notify(channel) {
			emitter.emit(namespace + channel);
		},
		async listen(channel, onSignal) {
			emitter.on(namespace + channel, onSignal);
			return async () => void emitter.off(namespace + channel, onSignal);
		},
	};
}

/** Signals through Redis pub/sub, shared by every n8n process that uses the credential. */
export function redisSignals(credentials: RedisCredentials, namespace: string): Signals {
	return {
		async notify(channel) {
			await clientFor(credentials).publish(namespace + channel, '1');
		},
		async listen(channel, onSignal) {
			return await subscriptionsOf(clientFor(credentials, 'subscriber')).add(namespace + channel, onSignal);
		},
	};
}

/** The channels one subscriber client listens on, and who listens on each. */
class Subscriptions {
	private readonly handlers = new Map<string, Set<() => void>>();

	constructor(private readonly subscriber: RedisClient) {
		subscriber.on('message', (channel: string) => {
			for (const handler of this.handlers.get(channel) ?? []) handler();
		});
	}

	async add(channel: string, handler: () => void): Promise<() => Promise<void>> {
		let set = this.handlers.get(channel);
		if (!set) {
			set = new Set();
			this.handlers.set(channel, set);
			await this.subscriber.subscribe(channel);
		}
		set.add(handler);
		return async () => {
			set.delete(handler);
			if (set.size === 0 && this.handlers.get(channel) === set) {
				this.handlers.delete(channel);
				await this.subscriber.unsubscribe(channel).catch(() => undefined);
			}
		};
	}
}

const subscriptions = new WeakMap<RedisClient, Subscriptions>();

function subscriptionsOf(subscriber: RedisClient): Subscriptions {
	let found = subscriptions.get(subscriber);
	if (!found) subscriptions.set(subscriber, (found = new Subscriptions(subscriber)));
	return found;
}
