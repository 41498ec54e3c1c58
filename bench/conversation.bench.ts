/**
 * Conversations through the real n8n (issue 7): N contacts at once, each writes "hi" and then
 * answers 3 questions; every answer resumes the contact's waiting execution (Chatflow
 * Conversation → Wait for Reply) through the WhatsApp trigger. Measured per turn: inbound POST →
 * the bot's next message reaching the fake Graph API. Counted: turns whose message never came
 * (lost) and messages beyond one per turn (doubled). Run twice side by side in one n8n: state in
 * process, and state in Redis (127.0.0.1:6379).
 * Options: --conversations=200 --turns=3 --turnTimeoutMs=60000
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RedisConnection } from '../nodes/shared/store';
import { N8nApi } from '../scripts/n8n/api';
import { N8nInstance, freePort } from '../scripts/n8n/instance';
import { FakePlatform, ids } from '../simulator/platform';
import { createChannelCredentials, PHONE_NUMBER_ID, postSigned, settle, whatsAppDelivery, whatsAppMessage, type Credentials } from '../test/e2e/examples-support';
import type { E2eContext } from '../test/e2e/support/n8n';
import { buildPrivatePackage } from './support/privatePackage';
import type { BenchContext, BenchResult } from './types';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** trigger → Q1 → wait → Q2 → wait → … → Done: `turns` resumes per conversation. */
function questionnaire(credentials: Credentials, turns: number, redis?: { id: string; name: string }) {
	const webhookId = randomUUID();
	const store = redis ? { chatflowRedisApi: redis } : {};
	const nodes: Array<Record<string, unknown>> = [
		{
			id: randomUUID(),
			name: 'Trigger',
			type: 'n8n-nodes-chatflow.chatflowWhatsAppTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId,
			parameters: { registration: 'manual', events: ['message'], messageTypes: [], options: {}, conversation: {} },
			credentials: { chatflowMetaAppApi: credentials.chatflowMetaAppApi, ...store },
		},
	];
	const connections: Record<string, unknown> = {};
	let previous = 'Trigger';
	const link = (to: string) => {
		connections[previous] = { main: [[{ node: to, type: 'main', index: 0 }]] };
		previous = to;
	};
	for (let turn = 0; turn <= turns; turn++) {
		const ask = turn < turns ? `Ask ${turn + 1}` : 'Done';
		nodes.push({
			id: randomUUID(),
			name: ask,
			type: 'n8n-nodes-chatflow.chatflowWhatsApp',
			typeVersion: 1,
			position: [300 * (2 * turn + 1), 0],
			parameters: {
				resource: 'message',
				operation: 'sendText',
				phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
				to: "={{ $('Trigger').item.json.contact.id }}",
				text: turn < turns ? `Question ${turn + 1}` : 'Done',
				previewUrl: false,
				messageOptions: {},
				throughput: {},
			},
			credentials: { chatflowWhatsAppApi: credentials.chatflowWhatsAppApi },
		});
		link(ask);
		if (turn === turns) break;
		const wait = `Wait ${turn + 1}`;
		nodes.push({
			id: randomUUID(),
			name: wait,
			type: 'n8n-nodes-chatflow.chatflowConversation',
			typeVersion: 1,
			position: [300 * (2 * turn + 2), 0],
			parameters: { operation: 'waitForReply', timeout: 10, timeoutUnit: 'minutes' },
			credentials: store,
		});
		link(wait);
	}
	return { webhookId, workflow: { name: `bench conversation ${webhookId}`, nodes, connections } };
}

interface RunFigures {
	resumesPerS: number;
	p50: number;
	p99: number;
	lost: number;
	doubled: number;
	seconds: number;
	redeliveries: number;
}

async function runConversations(
	context: BenchContext,
	platform: FakePlatform,
	url: string,
	arrivals: Map<string, number[]>,
	label: string,
): Promise<RunFigures> {
	const conversations = context.option('conversations', 200);
	const turns = context.option('turns', 3);
	const turnTimeoutMs = context.option('turnTimeoutMs', 60_000);
	const prefix = String(Math.floor(Math.random() * 9e6) + 1e6);
	const contacts = Array.from({ length: conversations }, (_, i) => `49${prefix}${String(i).padStart(4, '0')}`);
	const latencies: number[] = [];
	let lost = 0;
	let redeliveries = 0;
	const nextArrival = async (contact: string, index: number): Promise<number | undefined> => {
		const deadline = performance.now() + turnTimeoutMs;
		while (performance.now() < deadline) {
			const at = arrivals.get(contact)?.[index];
			if (at !== undefined) return at;
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		return undefined;
	};
	const started = performance.now();
	await Promise.all(
		contacts.map(async (contact) => {
			for (let turn = 0; turn <= turns; turn++) {
				const text = turn === 0 ? 'hi' : `answer ${turn}`;
				const sentAt = performance.now();
				const delivery = whatsAppMessage(contact, { type: 'text', text: { body: text } });
				// Like Meta: a delivery n8n refuses (5xx, e.g. SQLite "Database is not ready" under
				// load) is delivered again, the same bytes, after a pause.
				let answer = await postSigned(url, 'whatsapp', delivery);
				for (let retry = 1; answer.status >= 500 && retry <= 10; retry++) {
					redeliveries++;
					await new Promise((resolve) => setTimeout(resolve, 1000 * retry));
					answer = await postSigned(url, 'whatsapp', delivery);
				}
				if (answer.status !== 200) throw new Error(`trigger answered ${answer.status}: ${answer.text}`);
				const arrived = await nextArrival(contact, turn);
				if (arrived === undefined) {
					lost += turns + 1 - turn;
					return;
				}
				latencies.push(arrived - sentAt);
			}
		}),
	);
	const seconds = (performance.now() - started) / 1000;
	await settle(platform, 1000);
	let doubled = 0;
	for (const contact of contacts) doubled += Math.max(0, (arrivals.get(contact)?.length ?? 0) - (turns + 1));
	const sorted = [...latencies].sort((a, b) => a - b);
	const figures = {
		resumesPerS: (conversations * turns) / seconds,
		p50: percentile(sorted, 50),
		p99: percentile(sorted, 99),
		lost,
		doubled,
		seconds,
		redeliveries,
	};
	context.log(`${label}: ${conversations} conversations × ${turns} resumes in ${seconds.toFixed(1)} s, p50 ${figures.p50.toFixed(0)} ms, p99 ${figures.p99.toFixed(0)} ms, lost ${lost}, doubled ${doubled}, redelivered ${redeliveries}`);
	return figures;
}

export default async function conversation(context: BenchContext): Promise<BenchResult> {
	const pkg = buildPrivatePackage();
	const userFolder = mkdtempSync(join(tmpdir(), 'chatflow-bench-conversation-'));
	const platform = await FakePlatform.start();
	// Every outbound message: when it reached the fake Graph API, per recipient.
	const arrivals = new Map<string, number[]>();
	platform.on('POST', '/:version/:phoneNumberId/messages', (request) => {
		const to = String((request.json as { to?: string })?.to ?? '');
		arrivals.set(to, [...(arrivals.get(to) ?? []), request.receivedAt]);
		return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: ids.whatsAppMessage() }] } };
	});
	const namespace = `chatflow-bench:${randomUUID()}:`;
	const n8n = await N8nInstance.start({ userFolder, port: await freePort(), packageDir: pkg.dir, env: { N8N_LOG_LEVEL: process.env.CHATFLOW_BENCH_LOG_LEVEL ?? 'warn' } });
	try {
		await n8n.waitUntilReady();
		const api = await N8nApi.connect(n8n.url);
		const credentials = await createChannelCredentials({ api } as E2eContext, platform);
		const redis = await api.createCredential('chatflowRedisApi', 'bench redis', { host: '127.0.0.1', port: 6379, username: '', password: '', database: 0, namespace });
		const turns = context.option('turns', 3);
		const memoryFlow = questionnaire(credentials, turns);
		const redisFlow = questionnaire(credentials, turns, { id: redis.id, name: redis.name });
		await api.createWorkflow(memoryFlow.workflow, { webhooks: [{ path: `${memoryFlow.webhookId}/webhook` }] });
		await api.createWorkflow(redisFlow.workflow, { webhooks: [{ path: `${redisFlow.webhookId}/webhook` }] });
		const memoryUrl = api.webhookUrl(memoryFlow.webhookId, 'webhook');
		const redisUrl = api.webhookUrl(redisFlow.webhookId, 'webhook');
		for (const url of [memoryUrl, redisUrl]) {
			await postSigned(url, 'whatsapp', whatsAppDelivery({ statuses: [{ id: 'wamid.warm', status: 'sent', timestamp: '1', recipient_id: '1' }] }));
		}
		context.log('warm-up: 10 conversations in process');
		await runConversations({ ...context, option: (name, fallback) => (name === 'conversations' ? 10 : context.option(name, fallback)) }, platform, memoryUrl, arrivals, 'warm-up');
		const memory = await runConversations(context, platform, memoryUrl, arrivals, 'in-process store');
		const redisRun = await runConversations(context, platform, redisUrl, arrivals, 'Redis store');
		return {
			figures: {
				resumes_per_s: memory.resumesPerS,
				p99_ms: memory.p99,
				p50_ms: memory.p50,
				lost_turns: memory.lost,
				doubled_turns: memory.doubled,
				redelivered_requests: memory.redeliveries,
				redis_resumes_per_s: redisRun.resumesPerS,
				redis_p99_ms: redisRun.p99,
				redis_p50_ms: redisRun.p50,
				redis_lost_turns: redisRun.lost,
				redis_doubled_turns: redisRun.doubled,
				redis_redelivered_requests: redisRun.redeliveries,
			},
			ratios: {
				redis_vs_memory_resumes_per_s: redisRun.resumesPerS / memory.resumesPerS,
				redis_vs_memory_p99: redisRun.p99 / memory.p99,
			},
			notes: [
				`${context.option('conversations', 200)} concurrent conversations × (1 opening + ${turns} resumed turns), one n8n (SQLite, regular mode), fake Graph API on loopback`,
				'latency: inbound webhook POST → the next outbound message received by the fake Graph API; resumes_per_s = conversations × turns / wall time of the run',
				'lost: turns whose message never came within --turnTimeoutMs; doubled: messages beyond one per turn',
				'redelivered: inbound requests n8n refused with 5xx and the bench sent again (as Meta would); latency counts from the first attempt',
			],
		};
	} finally {
		await n8n.stop();
		await platform.close();
		const raw = new RedisConnection({ host: '127.0.0.1', port: 6379 });
		const keys = (await raw.command(['KEYS', `${namespace}*`])) as string[];
		if (keys.length) await raw.command(['DEL', ...keys]);
		raw.close();
		if (process.env.CHATFLOW_BENCH_LOG_LEVEL) context.log(`n8n log kept in ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
		pkg.dispose();
	}
}
