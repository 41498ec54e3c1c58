/**
 * What the state store must do on every Redis set-up the credential supports, run by each
 * topology's suite against real servers: claims (one winner), wait records (taken once),
 * per-contact locks (released only by their owner), compare-and-set under contention, signals
 * between a listener and a notifier on different connections, and a conversation: a saved wait
 * resumed over HTTP, and a running wait woken through signals.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

import type { INodeExecutionData } from 'n8n-workflow';

import {
	claimWait,
	openConversationSignals,
	openConversationStore,
	peekWait,
	registerWait,
	routeToConversation,
	waitRunning,
	type ResumeBody,
	type ResumePoster,
	type WaitRecord,
} from '../../../../nodes/shared/conversation';
import type { ChatEvent } from '../../../../nodes/shared/ingestion';
import { openStore, type RedisCredentials } from '../../../../nodes/shared/store';
import { openAtomicStore } from '../../../../nodes/shared/store/atomic';

export type Contact = { channel: 'whatsapp'; accountId: string; contactId: string };

export const freshContact = (): Contact => ({ channel: 'whatsapp', accountId: '1055', contactId: `c-${randomUUID()}` });

export function message(contact: Contact, text: string, replyId?: string): ChatEvent {
	return {
		channel: 'whatsapp',
		event: 'message',
		accountId: contact.accountId,
		businessAccountId: '',
		contact: { id: contact.contactId, name: 'Ana', key: contact.contactId },
		messageId: `m-${randomUUID()}`,
		timestamp: new Date().toISOString(),
		type: replyId ? 'reply' : 'text',
		platformType: 'text',
		text,
		...(replyId ? { reply: { id: replyId, title: text } } : {}),
		raw: {},
	};
}

/** A loopback stand-in for n8n's /webhook-waiting: records each resume, answers 200. */
export class ResumeEndpoint {
	readonly received: Array<{ executionId: string; body: ResumeBody }> = [];
	private server: Server | undefined;
	base = '';

	async start(): Promise<void> {
		this.server = createServer((req, res) => {
			let data = '';
			req.on('data', (chunk: Buffer) => (data += chunk.toString()));
			req.on('end', () => {
				this.received.push({ executionId: (req.url ?? '').split('/')[2]?.split('?')[0] ?? '', body: JSON.parse(data) as ResumeBody });
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"ok"}');
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.base = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/webhook-waiting`;
	}

	async close(): Promise<void> {
		await new Promise((resolve) => this.server?.close(resolve));
	}

	readonly post: ResumePoster = async (url, body) => {
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		return { statusCode: response.status, body: await response.text() };
	};

	record(contact: Contact, executionId: string): WaitRecord {
		return { executionId, resumeUrl: `${this.base}/${executionId}?signature=t`, nodeName: 'Ask', contact, registeredAt: Date.now() };
	}
}

/** Resolves once the contact's wait is registered as running (the node listens). */
export async function runningWaitOf(store: Parameters<typeof peekWait>[0], contact: Contact): Promise<WaitRecord> {
	for (let attempt = 0; attempt < 500; attempt++) {
		const wait = await peekWait(store, contact);
		if (wait?.hot) return wait;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error('the running wait was never registered');
}

const timedOut = (): INodeExecutionData[][] => [[], [{ json: { timedOut: true } }], []];

/** The Conversation node's side of a wait that keeps running: accepts the reply id "book". */
export function keepWaiting(store: ReturnType<typeof openConversationStore>, signals: ReturnType<typeof openConversationSignals>, record: WaitRecord, keepRunningMs: number) {
	return waitRunning({ store, signals, settings: { timeoutMs: 0, accept: { replyIds: ['book'] }, whenNotAccepted: 'branch', maxRetries: 3, keepRunningMs }, record, timedOut });
}

/** Defines the contract's tests; `credentials()` is read once the suite's servers run. */
export function describeStateStoreContract(topology: string, credentials: () => RedisCredentials): void {
	const namespace = `chatflow-${topology.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 8)}:`;
	const withNamespace = () => ({ ...credentials(), namespace });
	const endpoint = new ResumeEndpoint();
	beforeAll(async () => await endpoint.start());
	afterAll(async () => await endpoint.close());

	describe(`state store on ${topology}`, () => {
		it('set, get with expiry, delete; exactly one of 50 concurrent claims wins', async () => {
			const store = openStore(withNamespace(), 'kv:');
			await store.set('a', 'välue ✓', 60_000);
			expect(await store.get('a')).toBe('välue ✓');
			await store.set('short', 'x', 100);
			await new Promise((resolve) => setTimeout(resolve, 250));
			expect(await store.get('short')).toBeUndefined();
			expect(await store.delete('a')).toBe(true);
			expect(await store.delete('a')).toBe(false);
			const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => store.setIfAbsent(`claim`, String(i), 60_000)));
			expect(claims.filter(Boolean)).toHaveLength(1);
			await expect(store.ping()).resolves.toBeUndefined();
		});

		it('a wait record is taken by exactly one of 10 concurrent claims', async () => {
			const store = openConversationStore(withNamespace());
			const contact = freshContact();
			await registerWait(store, endpoint.record(contact, 'e-claim'));
			const claimed = await Promise.all(Array.from({ length: 10 }, () => claimWait(store, contact)));
			expect(claimed.filter(Boolean).map((wait) => wait!.executionId)).toEqual(['e-claim']);
			expect(await peekWait(store, contact)).toBeUndefined();
		});

		it('a per-contact lock is released only by its owner; 30 concurrent updates of one key all count', async () => {
			const store = openAtomicStore(withNamespace(), 'conv:');
			expect(await store.setIfAbsent('lock:c1', 'owner-1', 30_000)).toBe(true);
			expect(await store.setIfAbsent('lock:c1', 'owner-2', 30_000)).toBe(false);
			expect(await store.deleteIfEquals('lock:c1', 'owner-2')).toBe(false);
			expect(await store.deleteIfEquals('lock:c1', 'owner-1')).toBe(true);
			await Promise.all(Array.from({ length: 30 }, () => store.update('counter', (current) => String(Number(current ?? 0) + 1), 60_000)));
			expect(await store.get('counter')).toBe('30');
		});

		it('a signal reaches the listener on its own connection', async () => {
			const signals = openConversationSignals(withNamespace());
			let rang = 0;
			const stop = await signals.listen('bell', () => rang++);
			await signals.notify('bell');
			for (let attempt = 0; attempt < 200 && rang === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
			await stop();
			expect(rang).toBe(1);
		});

		it('a conversation: a saved wait is resumed over HTTP with the reply, a running one through signals', async () => {
			const store = openConversationStore(withNamespace());
			const signals = openConversationSignals(withNamespace());
			const saved = freshContact();
			await registerWait(store, endpoint.record(saved, 'e-saved'));
			const decision = await routeToConversation(message(saved, 'Book', 'book'), { store, signals, post: endpoint.post });
			expect(decision).toMatchObject({ route: 'resumed', emit: false, executionId: 'e-saved' });
			expect(endpoint.received.find((r) => r.executionId === 'e-saved')?.body).toMatchObject({ chatflowConversation: 'reply', event: { text: 'Book' } });

			const running = freshContact();
			const waiting = keepWaiting(store, signals, endpoint.record(running, 'e-running'), 20_000);
			await runningWaitOf(store, running);
			const trigger = { store: openConversationStore(withNamespace()), signals: openConversationSignals(withNamespace()), post: endpoint.post };
			expect(await routeToConversation(message(running, 'Book', 'book'), trigger)).toMatchObject({ route: 'resumed', executionId: 'e-running' });
			expect(((await waiting) as INodeExecutionData[][])[0].map((item) => item.json.text)).toEqual(['Book']);
			expect(endpoint.received.map((r) => r.executionId)).toEqual(['e-saved']);
		});
	});
}
