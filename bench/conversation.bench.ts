/**
 * Conversations through the real n8n: N contacts at once, each writes "hi" and then answers
 * `turns` questions; every answer resumes the contact's waiting execution (Chatflow Conversation
 * → Wait for Reply) through the WhatsApp trigger. Measured per turn: inbound POST → the bot's
 * next message reaching the fake Graph API. Counted: turns whose message never came (lost) and
 * messages beyond one per turn (doubled). In one n8n, side by side:
 *   stateless   the baseline: the same contacts each send turns + 1 messages to a workflow that
 *               answers every message in a fresh execution (trigger → send)
 *   in process  conversations with the in-process state store
 *   Redis       conversations with state in Redis (127.0.0.1:6379)
 *   long        `--longConversations` conversations of `--longTurns` turns, one at a time: n8n's
 *               CPU per turn, turn `longTurns` against turn 1 (what a growing execution costs),
 *               with sends addressed through `$('Trigger').item` and through `$json`
 * Options: --conversations=200 --turns=3 --turnTimeoutMs=180000 --longTurns=20
 * --longConversations=3 --thinkMs=400 --conversationVersion=2 (1: saved at once, as before)
 * --lazyIsolates=1 (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nApi } from '../scripts/n8n/api';
import { N8nInstance, freePort } from '../scripts/n8n/instance';
import { FakePlatform, ids } from '../simulator/platform';
import { createChannelCredentials, PHONE_NUMBER_ID, postSigned, settle, whatsAppDelivery, whatsAppMessage, type Credentials } from '../test/e2e/examples-support';
import type { E2eContext } from '../test/e2e/support/n8n';
import { dropKeys } from '../test/support/redis';
import { buildPrivatePackage } from './support/privatePackage';
import { cpuMs } from './support/processCpu';
import { monotonicUs, profileNodeArgs, writeTurnWindows, type TurnWindow } from './support/profile';
import type { BenchContext, BenchResult } from './types';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** trigger → send "Echo" to the contact: every message a fresh execution (the baseline). */
function statelessBot(credentials: Credentials) {
	const webhookId = randomUUID();
	const nodes = [triggerNode(credentials, webhookId, {}), sendNode(credentials, 'Echo', 'Echo', [300, 0])];
	return { webhookId, workflow: { name: `bench stateless ${webhookId}`, nodes, connections: { Trigger: { main: [[{ node: 'Echo', type: 'main', index: 0 }]] } } } };
}

/** The WhatsApp trigger every benchmark workflow starts with (`store`: the State Store credential, if any). */
function triggerNode(credentials: Credentials, webhookId: string, store: Record<string, unknown>) {
	return {
		id: randomUUID(),
		name: 'Trigger',
		type: 'n8n-nodes-chatflow.chatflowWhatsAppTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters: { registration: 'manual', events: ['message'], messageTypes: [], options: {}, conversation: {} },
		credentials: { chatflowMetaAppApi: credentials.chatflowMetaAppApi, ...store },
	};
}

/**
 * How a send names its recipient: `trigger` as most workflows do, `$('Trigger').item` (n8n walks
 * the paired items back through every node in between), or `json`, the item in hand (the trigger's
 * event, then each Conversation node's reply carries the contact).
 */
type Addressing = 'trigger' | 'json';

function sendNode(credentials: Credentials, name: string, text: string, position: [number, number], addressing: Addressing = 'trigger') {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-chatflow.chatflowWhatsApp',
		typeVersion: 1,
		position,
		parameters: {
			resource: 'message',
			operation: 'sendText',
			phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
			to: addressing === 'trigger' ? "={{ $('Trigger').item.json.contact.id }}" : '={{ $json.contact.id }}',
			text,
			previewUrl: false,
			messageOptions: {},
			throughput: {},
		},
		credentials: { chatflowWhatsAppApi: credentials.chatflowWhatsAppApi },
	};
}

/** trigger → Q1 → wait → Q2 → wait → … → Done: `turns` resumes per conversation. */
/**
 * The Conversation node's version decides how it waits: 2 keeps the execution running for its
 * first 30 seconds (a reply continues it in memory), 1 saves it as waiting at once.
 */
function questionnaire(credentials: Credentials, turns: number, conversationVersion: number, redis?: { id: string; name: string }, addressing: Addressing = 'trigger') {
	const webhookId = randomUUID();
	const store = redis ? { chatflowRedisApi: redis } : {};
	const nodes: Array<Record<string, unknown>> = [triggerNode(credentials, webhookId, store)];
	const connections: Record<string, unknown> = {};
	let previous = 'Trigger';
	const link = (to: string) => {
		connections[previous] = { main: [[{ node: to, type: 'main', index: 0 }]] };
		previous = to;
	};
	for (let turn = 0; turn <= turns; turn++) {
		const ask = turn < turns ? `Ask ${turn + 1}` : 'Done';
		nodes.push(sendNode(credentials, ask, turn < turns ? `Question ${turn + 1}` : 'Done', [300 * (2 * turn + 1), 0], addressing));
		link(ask);
		if (turn === turns) break;
		const wait = `Wait ${turn + 1}`;
		nodes.push({
			id: randomUUID(),
			name: wait,
			type: 'n8n-nodes-chatflow.chatflowConversation',
			typeVersion: conversationVersion,
			position: [300 * (2 * turn + 2), 0],
			parameters: { operation: 'waitForReply', timeout: 10, timeoutUnit: 'minutes' },
			credentials: store,
		});
		link(wait);
	}
	return { webhookId, workflow: { name: `bench conversation ${webhookId}`, nodes, connections } };
}

interface RunFigures {
	/** Every message answered (opening and resumed turns) per second of the run. */
	messagesPerS: number;
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
	// A turn whose message has not come after 3 minutes is lost (no person waits that long).
	const turnTimeoutMs = context.option('turnTimeoutMs', 180_000);
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
		messagesPerS: (conversations * (turns + 1)) / seconds,
		resumesPerS: (conversations * turns) / seconds,
		p50: percentile(sorted, 50),
		p99: percentile(sorted, 99),
		lost,
		doubled,
		seconds,
		redeliveries,
	};
	context.log(`${label}: ${conversations} contacts × ${turns + 1} messages in ${seconds.toFixed(1)} s (${figures.messagesPerS.toFixed(1)}/s), p50 ${figures.p50.toFixed(0)} ms, p99 ${figures.p99.toFixed(0)} ms, lost ${lost}, doubled ${doubled}, redelivered ${redeliveries}`);
	return figures;
}

/** How many executions of a workflow failed; the first errors are logged (nothing fails silently). */
async function failures(context: BenchContext, api: N8nApi, workflowId: string, label: string): Promise<number> {
	const failed = await api.failedExecutions(workflowId);
	const messages = failed.map((execution) => {
		const data = (execution as { data?: { resultData?: { error?: { message?: string }; lastNodeExecuted?: string } } }).data?.resultData;
		return `${data?.lastNodeExecuted ?? '?'}: ${data?.error?.message ?? 'no message'}`;
	});
	if (failed.length) context.log(`${label}: ${failed.length} failed execution(s): ${[...new Set(messages)].slice(0, 5).join(' | ')}`);
	return failed.length;
}

/**
 * One long conversation at a time, `longTurns` answers, each after the bot's question arrived and a
 * pause (a person reads and types): n8n's CPU per answered turn, from sending the answer to
 * sending the next one, so the save of the waiting execution after each question is counted.
 * The workflow asks one question more than `longTurns`: turn `longTurns` is then a turn in the
 * middle of a conversation like turn 1, and the answer after it, which ends the execution (and
 * has n8n save all of its data once), is measured on its own as the conversation's end.
 */
async function longConversations(context: BenchContext, platform: FakePlatform, url: string, arrivals: Map<string, number[]>, pid: number, label: string) {
	const count = context.option('longConversations', 3);
	const turns = context.option('longTurns', 20);
	const thinkMs = context.option('thinkMs', 400);
	const perTurn: number[][] = Array.from({ length: turns + 1 }, () => []);
	const windows: TurnWindow[] = [];
	for (let conversation = 0; conversation < count; conversation++) {
		const contact = `4917${String(Math.floor(Math.random() * 9e7) + 1e7)}`;
		const waitFor = async (index: number) => {
			const deadline = performance.now() + 60_000;
			while ((arrivals.get(contact)?.length ?? 0) <= index) {
				if (performance.now() > deadline) throw new Error(`long conversation: no message ${index + 1} for ${contact}`);
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
		};
		const say = async (text: string) => {
			const answer = await postSigned(url, 'whatsapp', whatsAppMessage(contact, { type: 'text', text: { body: text } }));
			if (answer.status !== 200) throw new Error(`long conversation: trigger answered ${answer.status}`);
		};
		await say('hi');
		await waitFor(0);
		for (let turn = 1; turn <= turns + 1; turn++) {
			await new Promise((resolve) => setTimeout(resolve, thinkMs));
			const before = cpuMs(pid);
			const from = monotonicUs();
			await say(`answer ${turn}`);
			await waitFor(turn);
			await new Promise((resolve) => setTimeout(resolve, thinkMs));
			perTurn[turn - 1].push(cpuMs(pid) - before);
			windows.push({ conversation, turn, fromUs: from, toUs: monotonicUs() });
		}
	}
	const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
	const first = mean(perTurn[0]);
	const last = mean(perTurn[turns - 1]);
	const end = mean(perTurn[turns]);
	context.log(`long: ${count} conversations × ${turns} turns, n8n CPU per turn: turn 1 ${first.toFixed(0)} ms, turn ${turns} ${last.toFixed(0)} ms, the answer that ends the execution ${end.toFixed(0)} ms`);
	writeTurnWindows(label, windows);
	return { turns, turn1CpuMs: first, lastCpuMs: last, endCpuMs: end, perTurnCpuMs: perTurn.map(mean) };
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
	const lazyIsolates = context.option('lazyIsolates', 0) === 1;
	const env: Record<string, string> = {
		N8N_LOG_LEVEL: process.env.CHATFLOW_BENCH_LOG_LEVEL ?? 'warn',
		...(lazyIsolates ? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } : {}),
	};
	const n8n = await N8nInstance.start({ userFolder, port: await freePort(), packageDir: pkg.dir, env, nodeArgs: profileNodeArgs() });
	try {
		await n8n.waitUntilReady();
		const api = await N8nApi.connect(n8n.url);
		const credentials = await createChannelCredentials({ api } as E2eContext, platform);
		const redis = await api.createCredential('chatflowRedisApi', 'bench redis', { host: '127.0.0.1', port: 6379, username: '', password: '', database: 0, namespace });
		const turns = context.option('turns', 3);
		const version = context.option('conversationVersion', 2);
		const flows = {
			stateless: statelessBot(credentials),
			memory: questionnaire(credentials, turns, version),
			redis: questionnaire(credentials, turns, version, { id: redis.id, name: redis.name }),
			long: questionnaire(credentials, context.option('longTurns', 20) + 1, version),
			longJson: questionnaire(credentials, context.option('longTurns', 20) + 1, version, undefined, 'json'),
			longSaved: questionnaire(credentials, context.option('longTurns', 20) + 1, 1),
		};
		const urls: Record<string, string> = {};
		const ids: Record<string, string> = {};
		for (const [name, flow] of Object.entries(flows)) {
			ids[name] = await api.createWorkflow(flow.workflow, { webhooks: [{ path: `${flow.webhookId}/webhook` }] });
			urls[name] = api.webhookUrl(flow.webhookId, 'webhook');
			await postSigned(urls[name], 'whatsapp', whatsAppDelivery({ statuses: [{ id: 'wamid.warm', status: 'sent', timestamp: '1', recipient_id: '1' }] }));
		}
		context.log('warm-up: 10 conversations in process');
		const small = { ...context, option: (name: string, fallback: number) => (name === 'conversations' ? 10 : context.option(name, fallback)) };
		await runConversations(small, platform, urls.memory, arrivals, 'warm-up');
		const stateless = await runConversations(context, platform, urls.stateless, arrivals, 'stateless baseline');
		const memory = await runConversations(context, platform, urls.memory, arrivals, 'in-process store');
		const memoryFailed = await failures(context, api, ids.memory, 'in-process store');
		const redisRun = await runConversations(context, platform, urls.redis, arrivals, 'Redis store');
		const redisFailed = await failures(context, api, ids.redis, 'Redis store');
		const long = await longConversations(context, platform, urls.long, arrivals, n8n.pid, 'long');
		// The same with every send addressed by the item in hand: no paired-item walk back to the trigger.
		const longJson = await longConversations(context, platform, urls.longJson, arrivals, n8n.pid, 'long-json');
		// The same with every turn saved and resumed (version 1, or a reply later than 30 s).
		const longSaved = await longConversations(context, platform, urls.longSaved, arrivals, n8n.pid, 'long-saved');
		return {
			figures: {
				stateless_messages_per_s: stateless.messagesPerS,
				stateless_p50_ms: stateless.p50,
				stateless_p99_ms: stateless.p99,
				stateless_lost: stateless.lost,
				messages_per_s: memory.messagesPerS,
				resumes_per_s: memory.resumesPerS,
				p99_ms: memory.p99,
				p50_ms: memory.p50,
				lost_turns: memory.lost,
				failed_executions: memoryFailed,
				doubled_turns: memory.doubled,
				redelivered_requests: memory.redeliveries,
				redis_messages_per_s: redisRun.messagesPerS,
				redis_resumes_per_s: redisRun.resumesPerS,
				redis_p99_ms: redisRun.p99,
				redis_p50_ms: redisRun.p50,
				redis_lost_turns: redisRun.lost,
				redis_failed_executions: redisFailed,
				redis_doubled_turns: redisRun.doubled,
				redis_redelivered_requests: redisRun.redeliveries,
				long_turn1_cpu_ms: long.turn1CpuMs,
				[`long_turn${long.turns}_cpu_ms`]: long.lastCpuMs,
				long_end_cpu_ms: long.endCpuMs,
				long_json_turn1_cpu_ms: longJson.turn1CpuMs,
				[`long_json_turn${longJson.turns}_cpu_ms`]: longJson.lastCpuMs,
				long_saved_turn1_cpu_ms: longSaved.turn1CpuMs,
				[`long_saved_turn${longSaved.turns}_cpu_ms`]: longSaved.lastCpuMs,
				conversation_node_version: version,
				lazy_isolates: lazyIsolates ? 1 : 0,
			},
			ratios: {
				turns_vs_stateless: memory.messagesPerS / stateless.messagesPerS,
				redis_turns_vs_stateless: redisRun.messagesPerS / stateless.messagesPerS,
				p99_vs_stateless: memory.p99 / stateless.p99,
				redis_p99_vs_stateless: redisRun.p99 / stateless.p99,
				[`turn${long.turns}_vs_turn1`]: long.lastCpuMs / long.turn1CpuMs,
				end_vs_turn1: long.endCpuMs / long.turn1CpuMs,
				[`json_turn${longJson.turns}_vs_turn1`]: longJson.lastCpuMs / longJson.turn1CpuMs,
				[`saved_turn${longSaved.turns}_vs_turn1`]: longSaved.lastCpuMs / longSaved.turn1CpuMs,
				saved_turn1_vs_running_turn1: longSaved.turn1CpuMs / long.turn1CpuMs,
				redis_vs_memory_resumes_per_s: redisRun.resumesPerS / memory.resumesPerS,
			},
			notes: [
				`${context.option('conversations', 200)} concurrent contacts × (1 opening + ${turns} answers), one n8n (SQLite, regular mode), fake Graph API on loopback, Conversation node version ${version}${lazyIsolates ? ', N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true' : ''}`,
				'stateless: the same contacts and messages to trigger → send (every message a fresh execution); *_vs_stateless compare messages answered per second and p99 latency in the same n8n',
				'latency: inbound webhook POST → the next outbound message received by the fake Graph API',
				`turn${long.turns}_vs_turn1: n8n CPU of answer ${long.turns} over answer 1 of --longConversations conversations of --longTurns answers, one at a time (from sending an answer to sending the next, after a --thinkMs pause), each send addressed as $('Trigger').item.json.contact.id; both turns are in the middle of a conversation of --longTurns + 1 questions; end_vs_turn1: the answer that ends the execution (n8n saves its data once) over answer 1; json_*: the same addressed as $json.contact.id (no paired-item walk back to the trigger); saved_*: the same as the first with version 1 (every turn saved and resumed)`,
				'lost: turns whose message never came within --turnTimeoutMs; doubled: messages beyond one per turn',
				'redelivered: inbound requests n8n refused with 5xx and the bench sent again (as Meta would); latency counts from the first attempt',
			],
		};
	} finally {
		await n8n.stop();
		await platform.close();
		await dropKeys(namespace);
		if (process.env.CHATFLOW_BENCH_LOG_LEVEL) context.log(`n8n log kept in ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
		pkg.dispose();
	}
}
