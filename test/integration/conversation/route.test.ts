import { createServer, type IncomingMessage, type Server } from 'node:http';

import {
	claimWait,
	parseKeywords,
	peekWait,
	registerWait,
	routeToConversation,
	type ResumeBody,
	type ResumePoster,
} from '../../../nodes/shared/conversation';
import type { ChatEvent } from '../../../nodes/shared/ingestion';
import { closeRedisConnections } from '../../../nodes/shared/store';
import { BACKENDS, dropRedisTestKeys, freshContact, inboundMessage } from './backends';

/** A loopback stand-in for n8n's /webhook-waiting: answers by script, records what it got. */
let server: Server;
let base = '';
const received: Array<{ path: string; body: ResumeBody }> = [];
/** Per execution id: statuses to answer with, in order (then 200). */
const script = new Map<string, number[]>();
/** Per execution id: what the "node" does before answering (e.g. put the wait back). */
const onPost = new Map<string, (body: ResumeBody) => Promise<void>>();

beforeAll(async () => {
	server = createServer((req: IncomingMessage, res) => {
		let data = '';
		req.on('data', (chunk: Buffer) => (data += chunk.toString()));
		req.on('end', () => {
			const id = (req.url ?? '').split('/')[2]?.split('?')[0] ?? '';
			const body = JSON.parse(data) as ResumeBody;
			received.push({ path: req.url ?? '', body });
			void (onPost.get(id)?.(body) ?? Promise.resolve()).then(() => {
			const status = script.get(id)?.shift() ?? 200;
			const message = status === 409 ? `The execution "${id}" is running already.` : status === 404 ? 'does not exist' : 'ok';
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as { port: number }).port}/webhook-waiting`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	await dropRedisTestKeys();
	await closeRedisConnections();
});

beforeEach(() => (received.length = 0));

const post: ResumePoster = async (url, body) => {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { statusCode: response.status, body: await response.text() };
};

const message = inboundMessage;

async function wait(store: Parameters<typeof registerWait>[0], contact: ReturnType<typeof freshContact>, executionId: string) {
	await registerWait(store, {
		executionId,
		resumeUrl: `${base}/${executionId}?signature=tok`,
		nodeName: 'Ask',
		contact,
		registeredAt: Date.now(),
	});
}

describe.each(BACKENDS)('routeToConversation (%s)', (_name, open, openSignals) => {
	const store = open();
	const signals = openSignals();

	it('without a waiting execution: none, emit', async () => {
		const contact = freshContact();
		const decision = await routeToConversation(message(contact, 'hi'), { store, signals, post });
		expect(decision).toMatchObject({ route: 'none', emit: true });
		expect(received).toHaveLength(0);
	});

	it('resumes the waiting execution with the event and starts nothing new', async () => {
		const contact = freshContact('messenger');
		await wait(store, contact, `r-${contact.contactId}`);
		const event = message(contact, 'Book');
		const decision = await routeToConversation(event, { store, signals, post });
		expect(decision).toMatchObject({ route: 'resumed', emit: false, executionId: `r-${contact.contactId}` });
		expect(received).toHaveLength(1);
		expect(received[0].path).toBe(`/webhook-waiting/r-${contact.contactId}?signature=tok`);
		expect(received[0].body).toMatchObject({ chatflowConversation: 'reply', event: { text: 'Book', messageId: event.messageId } });
		expect(await peekWait(store, contact)).toBeUndefined();
	});

	it('"both" resumes and also emits; "startNew" leaves the wait alone', async () => {
		const contact = freshContact();
		await wait(store, contact, `b-${contact.contactId}`);
		expect(await routeToConversation(message(contact, 'x'), { store, signals, post, whenWaiting: 'both' })).toMatchObject({ route: 'resumed', emit: true });
		await wait(store, contact, `s-${contact.contactId}`);
		expect(await routeToConversation(message(contact, 'y'), { store, signals, post, whenWaiting: 'startNew' })).toMatchObject({ route: 'none', emit: true });
		expect((await peekWait(store, contact))?.executionId).toBe(`s-${contact.contactId}`);
	});

	it('retries while n8n says the execution is still running, then resumes', async () => {
		const contact = freshContact();
		const id = `run-${contact.contactId}`;
		script.set(id, [409, 409, 409]);
		await wait(store, contact, id);
		const decision = await routeToConversation(message(contact, 'fast reply'), { store, signals, post });
		expect(decision.route).toBe('resumed');
		expect(received.filter((r) => r.path.includes(id))).toHaveLength(4);
	});

	it('a wait that cannot be resumed (404) falls back to a new execution', async () => {
		const contact = freshContact();
		const id = `gone-${contact.contactId}`;
		script.set(id, [404]);
		await wait(store, contact, id);
		const decision = await routeToConversation(message(contact, 'late'), { store, signals, post });
		expect(decision).toMatchObject({ route: 'none', emit: true });
		expect(await claimWait(store, contact)).toBeUndefined();
	});

	it('no clear answer (5xx or no response): counted as resumed, never delivered a second time', async () => {
		const contact = freshContact();
		const id = `u-${contact.contactId}`;
		script.set(id, [500]);
		await wait(store, contact, id);
		const decision = await routeToConversation(message(contact, 'x'), { store, signals, post });
		expect(decision).toMatchObject({ route: 'resumed', emit: false });
		expect(decision.uncertain).toContain('HTTP 500');
		expect(received.filter((r) => r.path.includes(id))).toHaveLength(1);

		const other = freshContact();
		await registerWait(store, { executionId: 'down', resumeUrl: 'http://127.0.0.1:1/webhook-waiting/down?signature=t', nodeName: 'Ask', contact: other, registeredAt: Date.now() - 1000 });
		const unreachable = await routeToConversation(message(other, 'y'), { store, signals, post });
		expect(unreachable).toMatchObject({ route: 'resumed', emit: false });
		expect(unreachable.uncertain).toBeDefined();
	});

	it('a keyword cancels the waiting execution and starts a flagged new one', async () => {
		const contact = freshContact('viber');
		const id = `k-${contact.contactId}`;
		await wait(store, contact, id);
		const decision = await routeToConversation(message(contact, 'Ménu'), { store, signals, post, keywords: parseKeywords('STOP, MENU') });
		expect(decision).toMatchObject({ route: 'keyword', emit: true, executionId: id, event: { keyword: 'MENU', text: 'Ménu' } });
		expect(received).toHaveLength(1);
		expect(received[0].body).toMatchObject({ chatflowConversation: 'cancel', keyword: 'MENU' });
		expect(await peekWait(store, contact)).toBeUndefined();
	});

	it('status events and contactless events are never routed', async () => {
		const contact = freshContact();
		await wait(store, contact, `st-${contact.contactId}`);
		const status = { ...message(contact, ''), event: 'status' as const, type: 'status' as const };
		expect(await routeToConversation(status, { store, signals, post })).toMatchObject({ route: 'none', emit: true });
		expect(received).toHaveLength(0);
		expect(await peekWait(store, contact)).toBeDefined();
	});

	it('one contact\'s messages are routed in order: the second sees the wait the first put back', async () => {
		const contact = freshContact();
		const id = `kw-${contact.contactId}`;
		// Like "Ignore and Keep Waiting": the node takes its time, then registers the wait again.
		onPost.set(id, async (body) => {
			await new Promise((resolve) => setTimeout(resolve, 150));
			if (body.event.text === 'sticker') await registerWait(store, { ...body.wait, registeredAt: Date.now() - 1000 });
		});
		await registerWait(store, { executionId: id, resumeUrl: `${base}/${id}?signature=tok`, nodeName: 'Ask', contact, registeredAt: Date.now() - 1000 });
		const [first, second] = await Promise.all([
			routeToConversation(message(contact, 'sticker'), { store, signals, post }),
			routeToConversation(message(contact, 'the answer'), { store: open(), signals: openSignals(), post }),
		]);
		expect([first.route, second.route]).toEqual(['resumed', 'resumed']);
		expect(received.map((r) => r.body.event.text)).toEqual(['sticker', 'the answer']);
	});

	it('two messages in the same millisecond: one resumes, the other starts a new execution', async () => {
		const contacts = Array.from({ length: 50 }, () => freshContact());
		await Promise.all(contacts.map((c) => wait(store, c, `d-${c.contactId}`)));
		const decisions = await Promise.all(
			contacts.flatMap((c) => [routeToConversation(message(c, 'a'), { store: open(), signals: openSignals(), post }), routeToConversation(message(c, 'b'), { store: open(), signals: openSignals(), post })]),
		);
		expect(decisions.filter((d) => d.route === 'resumed')).toHaveLength(50);
		expect(decisions.filter((d) => d.route === 'none' && d.emit)).toHaveLength(50);
		expect(received).toHaveLength(50);
		expect(new Set(received.map((r) => r.path)).size).toBe(50);
	});
});
