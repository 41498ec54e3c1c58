import { clearSession, getSession, mergeVariables, setStep, setVariables, updateSession } from '../../../nodes/shared/conversation';
import { closeRedisConnections } from '../../../nodes/shared/store';
import { BACKENDS, dropRedisTestKeys, freshContact } from './backends';

afterAll(async () => {
	await dropRedisTestKeys();
	await closeRedisConnections();
});

describe.each(BACKENDS)('sessions (%s)', (_name, open) => {
	const store = open();

	it('starts empty, sets, merges deeply, sets the step, clears', async () => {
		const contact = freshContact();
		expect(await getSession(store, contact)).toEqual({ variables: {}, step: '', expired: false });
		await setVariables(store, contact, { name: 'Ana', booking: { date: '2026-12-01', people: 2 } }, 60_000);
		await mergeVariables(store, contact, { booking: { people: 3, time: '19:00' }, tags: ['vip'] }, 60_000);
		await setStep(store, contact, 'confirm', 60_000);
		const session = await getSession(store, contact);
		expect(session.variables).toEqual({ name: 'Ana', booking: { date: '2026-12-01', people: 3, time: '19:00' }, tags: ['vip'] });
		expect(session.step).toBe('confirm');
		expect(session.expiresAt).toBeDefined();
		await clearSession(store, contact, ['name']);
		expect((await getSession(store, contact)).variables).toEqual({ booking: { date: '2026-12-01', people: 3, time: '19:00' }, tags: ['vip'] });
		await clearSession(store, contact);
		expect(await getSession(store, contact)).toEqual({ variables: {}, step: '', expired: false });
	});

	it('reports a timed-out session as expired with its last step, until written again', async () => {
		const contact = freshContact('instagram');
		// A lifetime of 1 s: both writes land well inside it even on a stalled machine.
		await setVariables(store, contact, { cart: 1 }, 1_000);
		await setStep(store, contact, 'askDate', 1_000);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		const expired = await getSession(store, contact);
		expect(expired).toMatchObject({ expired: true, expiredStep: 'askDate', expiredVariables: { cart: 1 }, variables: {}, step: '' });
		await setStep(store, contact, 'start', 60_000);
		expect(await getSession(store, contact)).toMatchObject({ expired: false, step: 'start', variables: {} });
	});

	it('loses no update when 100 executions change one session at once', async () => {
		const contact = freshContact();
		await Promise.all(
			Array.from({ length: 100 }, (_, i) => setVariables(open(), contact, { [`v${i}`]: i }, 60_000)),
		);
		const session = await getSession(store, contact);
		expect(Object.keys(session.variables)).toHaveLength(100);
		expect(session.variables.v42).toBe(42);
	});

	it('counts exactly with concurrent read-modify-write increments', async () => {
		const contact = freshContact('viber');
		await Promise.all(
			Array.from({ length: 100 }, () =>
				updateSession(open(), contact, (s) => ({ ...s, variables: { n: Number(s.variables.n ?? 0) + 1 } }), 60_000),
			),
		);
		expect((await getSession(store, contact)).variables.n).toBe(100);
	});
});
