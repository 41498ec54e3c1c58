import { randomUUID } from 'node:crypto';

import { openConversationSignals, openConversationStore, type WaitRecord } from '../../../nodes/shared/conversation';
import type { ChatEvent } from '../../../nodes/shared/ingestion';

import type { RedisCredentials, Signals } from '../../../nodes/shared/store';
import { dropKeys } from '../../support/redis';
import type { AtomicStore } from '../../../nodes/shared/store/atomic';

/** The two stores every conversation test runs against: this process, and a real Redis. */
export const redisCredentials: RedisCredentials = {
	host: '127.0.0.1',
	port: 6379,
	namespace: `chatflow-test:${randomUUID()}:`,
};

/** Each backend's store and the wake-up signals that go with it. */
export const BACKENDS: Array<[string, () => AtomicStore, () => Signals]> = [
	['memory', () => openConversationStore(undefined), () => openConversationSignals(undefined)],
	['redis', () => openConversationStore(redisCredentials), () => openConversationSignals(redisCredentials)],
];

export async function dropRedisTestKeys(): Promise<void> {
	await dropKeys(String(redisCredentials.namespace));
}

/** A fresh contact per test, so the process-wide memory store never mixes tests. */
export function freshContact(channel: 'whatsapp' | 'messenger' | 'instagram' | 'viber' = 'whatsapp') {
	return { channel, accountId: channel === 'viber' ? '' : '1055', contactId: `c-${randomUUID()}` };
}

/** A contact's inbound text message as the trigger normalises it. */
export function inboundMessage(contact: ReturnType<typeof freshContact>, text: string, extra: Partial<ChatEvent> = {}): ChatEvent {
	return {
		channel: contact.channel,
		event: 'message',
		accountId: contact.accountId,
		businessAccountId: '',
		contact: { id: contact.contactId, name: 'Ana', key: contact.contactId },
		messageId: `m-${Math.random()}`,
		timestamp: new Date().toISOString(),
		type: 'text',
		platformType: 'text',
		text,
		raw: {},
		...extra,
	};
}

/** A wait as the Conversation node registers it (resumed at `resumeBase`/execution id). */
export function waitRecord(contact: ReturnType<typeof freshContact>, executionId = 'e1', ttlMs?: number, resumeBase = 'http://127.0.0.1:1/webhook-waiting'): WaitRecord {
	const now = Date.now();
	return {
		executionId,
		resumeUrl: `${resumeBase}/${executionId}?signature=t`,
		nodeName: 'Ask',
		contact,
		registeredAt: now,
		...(ttlMs ? { expiresAt: now + ttlMs } : {}),
	};
}
