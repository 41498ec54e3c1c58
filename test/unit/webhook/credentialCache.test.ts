import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { clearWebhookCredentials, webhookCredential } from '../../../nodes/shared/webhook/credentialCache';

/** A saved credential as a webhook context sees it: n8n reads it from its database on every call. */
function savedCredential(id: string, data: ICredentialDataDecryptedObject) {
	const saved = { data, reads: 0 };
	const ctx = {
		getNode: () => ({ name: 'Trigger', credentials: { chatflowMetaAppApi: { id, name: 'meta' } } }) as never,
		getCredentials: async () => {
			saved.reads++;
			return { ...saved.data };
		},
	} as Parameters<typeof webhookCredential>[0];
	return { saved, ctx };
}

describe('webhookCredential', () => {
	beforeEach(() => {
		clearWebhookCredentials();
		jest.useRealTimers();
	});

	test('reads a credential once for many requests, per credential id', async () => {
		const a = savedCredential('a', { appSecret: 'secret-a' });
		const b = savedCredential('b', { appSecret: 'secret-b' });
		const reads = await Promise.all(Array.from({ length: 50 }, (_, i) => webhookCredential(i % 2 ? a.ctx : b.ctx, 'chatflowMetaAppApi')));
		expect(reads.map((read) => read.data.appSecret)).toEqual(Array.from({ length: 50 }, (_, i) => (i % 2 ? 'secret-a' : 'secret-b')));
		expect([a.saved.reads, b.saved.reads]).toEqual([1, 1]);
	});

	test('a rotated secret works from its first request: the rejected request re-reads the credential', async () => {
		const { saved, ctx } = savedCredential('rotating', { appSecret: 'old' });
		expect((await webhookCredential(ctx, 'chatflowMetaAppApi')).data.appSecret).toBe('old');
		saved.data = { appSecret: 'new' };

		const cached = await webhookCredential(ctx, 'chatflowMetaAppApi');
		expect(cached.data.appSecret).toBe('old'); // still the cached copy: no read per request
		const fresh = await cached.reload();
		expect(fresh?.appSecret).toBe('new');
		expect((await webhookCredential(ctx, 'chatflowMetaAppApi')).data.appSecret).toBe('new');
		expect(saved.reads).toBe(2);
	});

	test('a flood of rejected requests re-reads at most once per second', async () => {
		const { saved, ctx } = savedCredential('flood', { appSecret: 's' });
		for (let i = 0; i < 20; i++) await (await webhookCredential(ctx, 'chatflowMetaAppApi')).reload();
		expect(saved.reads).toBe(2); // the first load, then one forced re-read
	});

	test('expires after the TTL', async () => {
		jest.useFakeTimers({ now: new Date('2026-11-21T12:00:00Z') });
		const { saved, ctx } = savedCredential('ttl', { appSecret: 'one' });
		await webhookCredential(ctx, 'chatflowMetaAppApi');
		saved.data = { appSecret: 'two' };
		jest.setSystemTime(new Date('2026-11-21T12:00:29Z'));
		expect((await webhookCredential(ctx, 'chatflowMetaAppApi')).data.appSecret).toBe('one');
		jest.setSystemTime(new Date('2026-11-21T12:00:31Z'));
		expect((await webhookCredential(ctx, 'chatflowMetaAppApi')).data.appSecret).toBe('two');
	});

	test('a failed read is not cached', async () => {
		const { saved, ctx } = savedCredential('failing', { appSecret: 'x' });
		const original = ctx.getCredentials;
		(ctx as { getCredentials: unknown }).getCredentials = async () => {
			throw new Error('database unavailable');
		};
		await expect(webhookCredential(ctx, 'chatflowMetaAppApi')).rejects.toThrow('database unavailable');
		(ctx as { getCredentials: unknown }).getCredentials = original;
		expect((await webhookCredential(ctx, 'chatflowMetaAppApi')).data.appSecret).toBe('x');
		expect(saved.reads).toBe(1);
	});
});
