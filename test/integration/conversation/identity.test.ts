import { randomInt } from 'node:crypto';

import {
	claimWait,
	contactOf,
	getSession,
	moveSession,
	moveWait,
	peekWait,
	registerWait,
	setVariables,
	type ContactRef,
	type WaitRecord,
} from '../../../nodes/shared/conversation';
import { followIdentityChange } from '../../../nodes/shared/conversation/identityChange';
import { runPipeline, type ChatEvent } from '../../../nodes/shared/ingestion';
import { closeRedisConnections } from '../../../nodes/shared/store';
import { fixtureBytes, secretsFor, signedRequest } from '../../support/webhookFixtures';
import { BACKENDS, dropRedisTestKeys } from './backends';

afterAll(async () => {
	await dropRedisTestKeys();
	await closeRedisConnections();
});

/** A WhatsApp person with a fresh phone number and BSUID, as a trigger item names them. */
function person() {
	const phone = `1555${randomInt(1_000_000_000, 9_999_999_999)}`; // 14 digits: no two tests' people collide
	const bsuid = `US.${randomInt(1e9, 9e9)}${randomInt(1e9, 9e9)}`;
	return { phone, bsuid };
}

/** The contact of a trigger item: what `contactOf` reads from `contact` on a normalised item. */
function fromItem(contact: Record<string, string>): ContactRef {
	const ref = contactOf({ channel: 'whatsapp', accountId: '1055', contact });
	if (!ref) throw new Error('no contact');
	return ref;
}

/** The contact a Conversation node set to "Define Below" with this id. */
function defined(contactId: string): ContactRef {
	return { channel: 'whatsapp', accountId: '1055', contactId };
}

function waitFor(contact: ContactRef, executionId: string): WaitRecord {
	return { executionId, resumeUrl: `http://127.0.0.1:1/webhook-waiting/${executionId}`, nodeName: 'Ask', contact, registeredAt: Date.now() };
}

describe.each(BACKENDS)('one WhatsApp person, named by phone number and by BSUID (%s)', (_name, open) => {
	const store = open();

	it('keys a person by BSUID, replies to the phone number, and keeps the phone number as an alias', () => {
		const { phone, bsuid } = person();
		expect(fromItem({ id: phone, key: bsuid, phone, bsuid, name: 'Ada' })).toEqual({
			channel: 'whatsapp',
			accountId: '1055',
			contactId: bsuid,
			replyId: phone,
			aliases: [phone],
		});
		// Items saved before `contact.key` existed: the id is the key.
		expect(fromItem({ id: phone, name: 'Ada' })).toEqual({ channel: 'whatsapp', accountId: '1055', contactId: phone });
	});

	it('a wait asked with the phone number is answered by a message without one', async () => {
		const { phone, bsuid } = person();
		await registerWait(store, waitFor(fromItem({ id: phone, key: bsuid, phone, bsuid }), 'e-phone-then-username'));
		// The person hides their number (adopts a username): the next message names only the BSUID.
		const claimed = await claimWait(store, fromItem({ id: bsuid, key: bsuid, phone: '', bsuid, username: 'ada' }));
		expect(claimed?.executionId).toBe('e-phone-then-username');
		expect(await claimWait(store, fromItem({ id: bsuid, key: bsuid, bsuid }))).toBeUndefined();
	});

	it('a wait registered by phone number only (before BSUIDs, or "Define Below") is found from a message that has both', async () => {
		const { phone, bsuid } = person();
		await registerWait(store, waitFor(defined(phone), 'e-legacy'));
		expect((await claimWait(store, fromItem({ id: phone, key: bsuid, phone, bsuid })))?.executionId).toBe('e-legacy');
	});

	it('a node that knows only the phone number finds the person once a message named both', async () => {
		const { phone, bsuid } = person();
		await setVariables(store, fromItem({ id: phone, key: bsuid, phone, bsuid }), { plan: 'gold' });
		expect((await getSession(store, defined(phone))).variables).toEqual({ plan: 'gold' });
		await setVariables(store, defined(phone), { step2: true });
		expect((await getSession(store, fromItem({ id: bsuid, key: bsuid, bsuid }))).variables).toEqual({ plan: 'gold', step2: true });
		await registerWait(store, waitFor(defined(phone), 'e-defined-after-link'));
		expect((await peekWait(store, fromItem({ id: bsuid, key: bsuid, bsuid })))?.executionId).toBe('e-defined-after-link');
	});

	it('a session kept under the phone number moves to the BSUID on the next write, and keeps its variables', async () => {
		const { phone, bsuid } = person();
		await setVariables(store, defined(phone), { name: 'Ada' });
		const both = fromItem({ id: phone, key: bsuid, phone, bsuid });
		expect((await getSession(store, both)).variables).toEqual({ name: 'Ada' });
		await setVariables(store, both, { city: 'London' });
		// After the move the person is found without their phone number too.
		expect((await getSession(store, fromItem({ id: bsuid, key: bsuid, bsuid }))).variables).toEqual({ name: 'Ada', city: 'London' });
	});

	it('two people never share a record', async () => {
		const a = person();
		const b = person();
		await setVariables(store, fromItem({ id: a.phone, key: a.bsuid, phone: a.phone, bsuid: a.bsuid }), { who: 'a' });
		await registerWait(store, waitFor(fromItem({ id: a.phone, key: a.bsuid, phone: a.phone, bsuid: a.bsuid }), 'e-a'));
		expect((await getSession(store, fromItem({ id: b.phone, key: b.bsuid, phone: b.phone, bsuid: b.bsuid }))).variables).toEqual({});
		expect(await claimWait(store, fromItem({ id: b.bsuid, key: b.bsuid, bsuid: b.bsuid }))).toBeUndefined();
		expect(await claimWait(store, defined(b.phone))).toBeUndefined();
		expect((await claimWait(store, defined(a.phone)))?.executionId).toBe('e-a');
	});

	it('a new identity takes the waiting conversation and the session along', async () => {
		const before = person();
		const after = person();
		const old = fromItem({ id: before.phone, key: before.bsuid, phone: before.phone, bsuid: before.bsuid });
		const renamed = fromItem({ id: after.phone, key: after.bsuid, phone: after.phone, bsuid: after.bsuid });
		await setVariables(store, old, { cart: 3 }, 60_000);
		await registerWait(store, { ...waitFor(old, 'e-moved'), expiresAt: Date.now() + 60_000 });
		expect(await moveWait(store, old, renamed)).toBe(true);
		expect(await moveSession(store, old, renamed)).toBe(true);
		expect((await claimWait(store, renamed))?.executionId).toBe('e-moved');
		expect((await getSession(store, renamed)).variables).toEqual({ cart: 3 });
		expect((await getSession(store, old)).variables).toEqual({});
		// Nothing left to move, and a record at the new key is never overwritten.
		expect(await moveWait(store, old, renamed)).toBe(false);
		await setVariables(store, old, { stale: true });
		expect(await moveSession(store, old, renamed)).toBe(false);
		expect((await getSession(store, renamed)).variables).toEqual({ cart: 3 });
	});
});

describe.each(BACKENDS)('identity change events move a person\'s records (%s)', (_name, open) => {
	const store = open();

	/** The event the pipeline makes of a fixture, with the accountId a test chooses. */
	function eventOf(fixture: string, accountId: string): ChatEvent {
		const result = runPipeline(signedRequest('whatsapp', fixtureBytes('whatsapp', fixture)), { channel: 'whatsapp', secrets: secretsFor('whatsapp') });
		const [event] = result.events;
		return { ...event, accountId };
	}

	it('user_id_update: the wait and the session under the old BSUID follow to the new one', async () => {
		const accountId = `acct-${randomInt(1e9)}`;
		const event = eventOf('user_id_update', accountId);
		const old: ContactRef = { channel: 'whatsapp', accountId, contactId: event.identityChange!.previous.bsuid };
		await registerWait(store, waitFor(old, 'e-before-update'));
		await setVariables(store, old, { order: 42 });
		expect(await followIdentityChange(store, event)).toEqual(['wait', 'session']);
		// The contact of the event itself is the person as they are now.
		const now = contactOf(event)!;
		expect(now).toMatchObject({ accountId, contactId: 'US.24817305912873645029', replyId: '16505550000' });
		expect((await claimWait(store, now))?.executionId).toBe('e-before-update');
		expect((await getSession(store, now)).variables).toEqual({ order: 42 });
	});

	it('user_changed_number: records kept under the old phone number (before BSUIDs) move to the new number', async () => {
		const accountId = `acct-${randomInt(1e9)}`;
		const event = eventOf('system', accountId);
		await setVariables(store, { channel: 'whatsapp', accountId, contactId: '16505551234' }, { vip: true });
		expect(await followIdentityChange(store, event)).toEqual(['session']);
		expect((await getSession(store, { channel: 'whatsapp', accountId, contactId: '16505550000' })).variables).toEqual({ vip: true });
	});

	it('a message is no identity change: nothing moves', async () => {
		expect(await followIdentityChange(store, eventOf('text_bsuid', 'acct-x'))).toEqual([]);
	});
});
