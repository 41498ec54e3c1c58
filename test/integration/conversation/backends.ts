import { randomUUID } from 'node:crypto';

import { openConversationStore } from '../../../nodes/shared/conversation';
import type { RedisCredentials } from '../../../nodes/shared/store';
import { dropKeys } from '../../support/redis';
import type { AtomicStore } from '../../../nodes/shared/store/atomic';

/** The two stores every conversation test runs against: this process, and a real Redis. */
export const redisCredentials: RedisCredentials = {
	host: '127.0.0.1',
	port: 6379,
	namespace: `chatflow-test:${randomUUID()}:`,
};

export const BACKENDS: Array<[string, () => AtomicStore]> = [
	['memory', () => openConversationStore(undefined)],
	['redis', () => openConversationStore(redisCredentials)],
];

export async function dropRedisTestKeys(): Promise<void> {
	await dropKeys(String(redisCredentials.namespace));
}

/** A fresh contact per test, so the process-wide memory store never mixes tests. */
export function freshContact(channel: 'whatsapp' | 'messenger' | 'instagram' | 'viber' = 'whatsapp') {
	return { channel, accountId: channel === 'viber' ? '' : '1055', contactId: `c-${randomUUID()}` };
}
