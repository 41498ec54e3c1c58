/**
 * The State Store's Redis restarted while `conversations` contacts each wait for their answer to
 * the first question (Conversation node version 1: each execution saved as waiting), then every
 * contact taps "Book". With persistence (append-only file, fsync on every write) Redis comes
 * back with the wait records and every reply resumes its conversation. Without it (the data is
 * gone) a reply finds no wait and starts a new conversation: the first question again, and the
 * old execution's timeout later tells the contact their session expired, so the loss is
 * reported to the contact and in n8n, not silent.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { Redis } from 'ioredis';

import { conversationWorkflow, inbound, say, sentTo, until } from '../conversation-flow';
import { postSigned, settle } from '../examples-support';
import { PHONE_NUMBER_ID, type FaultOutcome, type FaultsLab } from './lab';

const BUTTONS = 'button:What would you like to do?';
const FLOW = 'flow:Pick a date';

export async function redisRestartedWhileConversationsWait(
	lab: FaultsLab,
	{ conversations, persistence }: { conversations: number; persistence: boolean },
	log: (message: string) => void,
): Promise<FaultOutcome> {
	lab.resetCounts();
	const { workflow, webhookId } = conversationWorkflow(lab.credentials, { timeoutSeconds: 600, redisCredential: lab.credentials.chatflowRedisApi, conversationVersion: 1 });
	const path = `${webhookId}/webhook`;
	await lab.activate(workflow, [path]);
	const url = `${lab.cluster.webhookUrl}/webhook/${path}`;
	const base = persistence ? 4917800000000 : 4917900000000;
	const contacts = Array.from({ length: conversations }, (_, i) => String(base + i));
	const raw = new Redis({ port: lab.stateRedis.port, lazyConnect: true, maxRetriesPerRequest: 1 });
	const waitKey = (contact: string) => `${lab.namespace}conv:wait:whatsapp:${PHONE_NUMBER_ID}:${contact}`;
	try {
		for (const contact of contacts) await postSigned(url, 'whatsapp', inbound(contact, say.text('hi')));
		await until(`${conversations} conversations waiting`, async () => (await Promise.all(contacts.map(async (c) => await raw.exists(waitKey(c))))).every((n) => n === 1), 180_000);
	} finally {
		raw.disconnect();
	}
	log(`${conversations} conversations wait; restarting the State Store's Redis ${persistence ? 'with its append-only file' : 'without its data'}`);
	await lab.stateRedis.kill();
	if (!persistence) rmSync(join(lab.stateRedis.options.dir, 'appendonlydir'), { recursive: true, force: true });
	await lab.stateRedis.restart();
	for (const contact of contacts) await postSigned(url, 'whatsapp', inbound(contact, say.button('book', 'Book')));
	await until('every contact answered', () => contacts.every((c) => sentTo(lab.platform, c).length >= 2) || undefined, 180_000).catch(() => undefined);
	await settle(lab.platform, 3_000);
	let lost = 0;
	let doubled = 0;
	let restarted = 0;
	for (const contact of contacts) {
		const sent = sentTo(lab.platform, contact);
		if (sent[1] !== FLOW) lost++;
		if (sent[1] === BUTTONS) restarted++;
		if (sent.filter((message) => message === FLOW).length > 1) doubled++;
	}
	return {
		lost,
		doubled,
		figures: { restarted_conversation: restarted },
		notes: [
			`${persistence ? 'AOF (appendfsync always)' : 'no persistence'}: ${conversations - lost} of ${conversations} replies resumed their conversation; ${restarted} started a new one (the first question again; the waiting execution times out and says so)`,
		],
	};
}
