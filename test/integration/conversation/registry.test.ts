import { claimWait, cancelWait, peekWait, registerWait, accepts, type WaitRecord } from '../../../nodes/shared/conversation';
import { closeRedisConnections } from '../../../nodes/shared/store';
import { BACKENDS, dropRedisTestKeys, freshContact, waitRecord } from './backends';

afterAll(async () => {
	await dropRedisTestKeys();
	await closeRedisConnections();
});

const record = waitRecord;

describe.each(BACKENDS)('wait registry (%s)', (_name, open) => {
	const store = open();

	it('registers, peeks and claims once', async () => {
		const contact = freshContact();
		await registerWait(store, record(contact));
		expect((await peekWait(store, contact))?.executionId).toBe('e1');
		expect((await claimWait(store, contact))?.resumeUrl).toContain('/webhook-waiting/e1');
		expect(await claimWait(store, contact)).toBeUndefined();
	});

	it('keeps contacts apart by channel, account and contact id', async () => {
		const a = freshContact('messenger');
		await registerWait(store, record(a, 'ea'));
		expect(await claimWait(store, { ...a, channel: 'instagram' })).toBeUndefined();
		expect(await claimWait(store, { ...a, accountId: 'other' })).toBeUndefined();
		expect((await claimWait(store, a))?.executionId).toBe('ea');
	});

	it('a newer wait for the same contact replaces the older one', async () => {
		const contact = freshContact();
		await registerWait(store, record(contact, 'old'));
		await registerWait(store, record(contact, 'new'));
		expect((await claimWait(store, contact))?.executionId).toBe('new');
	});

	it('expires with its timeout', async () => {
		const contact = freshContact('viber');
		await registerWait(store, record(contact, 'e2', 120));
		await new Promise((resolve) => setTimeout(resolve, 220));
		expect(await claimWait(store, contact)).toBeUndefined();
	});

	it('cancels only the wait of the given execution', async () => {
		const contact = freshContact();
		await registerWait(store, record(contact, 'mine'));
		expect(await cancelWait(store, contact, 'someone-else')).toBe(false);
		expect(await cancelWait(store, contact, 'mine')).toBe(true);
		expect(await peekWait(store, contact)).toBeUndefined();
	});

	it('of 200 concurrent claims on one wait exactly one wins', async () => {
		const contact = freshContact();
		await registerWait(store, record(contact, 'race'));
		const claims = await Promise.all(Array.from({ length: 200 }, () => claimWait(open(), contact)));
		expect(claims.filter(Boolean)).toHaveLength(1);
	});

	it('100 contacts × 20 concurrent claims: one winner per contact', async () => {
		const contacts = Array.from({ length: 100 }, () => freshContact());
		await Promise.all(contacts.map((c, i) => registerWait(store, record(c, `x${i}`))));
		const results = await Promise.all(
			contacts.flatMap((c) => Array.from({ length: 20 }, async () => (await claimWait(open(), c))?.executionId)),
		);
		const winners = results.filter(Boolean);
		expect(winners).toHaveLength(100);
		expect(new Set(winners).size).toBe(100);
	});
});

describe('accept rules', () => {
	it('accepts anything without rules, and filters by type and reply id', () => {
		expect(accepts(undefined, { type: 'text' })).toBe(true);
		expect(accepts({ types: ['reply'] }, { type: 'text' })).toBe(false);
		expect(accepts({ types: ['reply'], replyIds: ['book'] }, { type: 'reply', reply: { id: 'book' } })).toBe(true);
		expect(accepts({ replyIds: ['book'] }, { type: 'reply', reply: { id: 'prices' } })).toBe(false);
		expect(accepts({ types: [], replyIds: [] }, { type: 'image' })).toBe(true);
	});
});
