/**
 * Inbound webhooks.
 * (a) The pipeline alone, no n8n: signed WhatsApp batches through verify → parse → flatten →
 *     normalise → filter → de-duplicate (in-process store), on one core. Per-event cost at
 *     batch 1 and batch 100, alternating in rounds so both see the same machine state.
 * (b) Through the real n8n, side by side in one n8n: the same signed batches of 1, 10 and 100
 *     messages POSTed to an active workflow with the Chatflow WhatsApp Trigger and to one with
 *     n8n's built-in WhatsApp Trigger, `--concurrency` clients, alternating turns; events/s and
 *     the latency of the HTTP answer for each, and the ratio.
 * The built-in trigger asks graph.facebook.com (fixed URL) for an app token and the app's
 * subscriptions on activation: bench/support serves those from a loopback TLS fake (test CA,
 * name resolution inside the benchmark's n8n only), as the send benchmark does.
 * Options: --seconds=2 (a), --requests=300 per batch size and trigger (b), --concurrency=4,
 * --rounds=2 (alternating turns per batch size)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { signRequestBody } from '../nodes/shared/webhook/signature';
import { deduplicate, runPipeline } from '../nodes/shared/ingestion';
import { MemoryStore } from '../nodes/shared/store';
import { N8nApi } from '../scripts/n8n/api';
import { N8nInstance, freePort } from '../scripts/n8n/instance';
import { serveAppSubscriptions } from './support/appSubscriptions';
import { startFakeGraphTls } from './support/fakeGraphTls';
import { buildPrivatePackage } from './support/privatePackage';
import type { BenchContext, BenchResult } from './types';

const APP_ID = '1234567890123456';
const APP_SECRET = 'bench-app-secret-0123456789abcdef';
const PHONE_NUMBER_ID = '106540352242922';

let sequence = 0;

/**
 * A WhatsApp delivery of `size` text messages with ids never used before, signed, as Meta sends
 * them since 2026: the sender by phone number and business-scoped user id.
 */
function signedBatch(size: number): { body: Buffer; signature: string } {
	const messages = Array.from({ length: size }, () => {
		sequence += 1;
		return {
			from: '16505551234',
			from_user_id: 'US.13491208655302741918',
			id: `wamid.bench.${process.pid}.${sequence}`,
			timestamp: '1732212000',
			type: 'text',
			text: { body: `Hallo, ich hätte gern Nummer ${sequence} ✓` },
		};
	});
	const body = Buffer.from(
		JSON.stringify({
			object: 'whatsapp_business_account',
			entry: [
				{
					id: '102290129340398',
					changes: [
						{
							field: 'messages',
							value: {
								messaging_product: 'whatsapp',
								metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
								contacts: [{ profile: { name: 'Ada' }, wa_id: '16505551234', user_id: 'US.13491208655302741918' }],
								messages,
							},
						},
					],
				},
			],
		}),
	);
	return { body, signature: signRequestBody(body, APP_SECRET) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function pipelineAlone(context: BenchContext): Promise<{ eventsPerS: number; usBatch1: number; usBatch100: number }> {
	const seconds = context.option('seconds', 2);
	const store = new MemoryStore('bench:', new Map());
	const options = { channel: 'whatsapp' as const, secrets: [APP_SECRET] };
	const once = async (batch: { body: Buffer; signature: string }) => {
		const result = runPipeline(
			{ headers: { 'content-type': 'application/json', 'x-hub-signature-256': batch.signature }, rawBody: batch.body },
			options,
		);
		const { fresh } = await deduplicate(result.events, store, 3_600_000, 'wf:node:');
		return fresh.length;
	};
	// Correctness first: every event comes out, a redelivery yields none.
	const check = signedBatch(100);
	if ((await once(check)) !== 100 || (await once(check)) !== 0) throw new Error('pipeline lost or duplicated events');

	// Inputs are built outside the timed loops; each batch is used once (fresh ids).
	const timeBatches = async (size: number, count: number) => {
		const batches = Array.from({ length: count }, () => signedBatch(size));
		const started = performance.now();
		let events = 0;
		for (const batch of batches) events += await once(batch);
		return { ms: performance.now() - started, events };
	};
	await timeBatches(100, 50); // warm-up
	const per1: number[] = [];
	const per100: number[] = [];
	let totalEvents = 0;
	let totalMs = 0;
	const deadline = performance.now() + seconds * 1000;
	while (performance.now() < deadline || per1.length < 3) {
		const small = await timeBatches(1, 2000);
		const large = await timeBatches(100, 20);
		per1.push((small.ms * 1000) / small.events);
		per100.push((large.ms * 1000) / large.events);
		totalEvents += large.events;
		totalMs += large.ms;
	}
	const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
	context.log(`pipeline: ${per1.length} rounds; ${(totalEvents / (totalMs / 1000)).toFixed(0)} events/s at batch 100`);
	return { eventsPerS: totalEvents / (totalMs / 1000), usBatch1: median(per1), usBatch100: median(per100) };
}

interface HttpFigures {
	eventsPerS: number;
	p50: number;
	p99: number;
	bySize: Record<number, number>;
}

/** An active workflow whose trigger receives the batches. */
interface Target {
	label: string;
	url: string;
	workflowId: string;
	/** Executions it must have finished so far (every accepted POST starts one). */
	expected: number;
}

/** POSTs `batches` with `concurrency` clients, then waits until each started execution ended. */
async function deliver(api: N8nApi, target: Target, batches: Array<{ body: Buffer; signature: string }>, concurrency: number, timeoutMs = 600_000) {
	const latencies: number[] = [];
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < batches.length) {
				const batch = batches[next++];
				const sent = performance.now();
				const response = await fetch(target.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-hub-signature-256': batch.signature },
					body: batch.body,
				});
				await response.arrayBuffer();
				latencies.push(performance.now() - sent);
				if (response.status !== 200) throw new Error(`${target.label} trigger answered ${response.status}`);
			}
		}),
	);
	target.expected += batches.length;
	// The answer goes out before the workflow runs: count the time until every execution ended.
	await waitForFinished(api, target, timeoutMs);
	return { latencies, ms: performance.now() - started };
}

/**
 * Warm-up (not measured) that also proves the wiring: each trigger must start one execution per
 * batch and emit every message. The built-in trigger answers 200 and starts nothing when the
 * signature does not match, so without this a mis-wired run would only time out.
 */
async function warmUp(api: N8nApi, target: Target): Promise<void> {
	const size = 10;
	const batches = Array.from({ length: 8 }, () => signedBatch(size));
	await deliver(api, target, batches, 2, 60_000);
	const [last] = await api.executions(target.workflowId);
	const items = Object.values(last?.data?.resultData.runData ?? {})[0]?.[0]?.data?.main[0] ?? [];
	// Chatflow emits one item per message; the built-in one item per change, messages inside.
	const messages = items.reduce((sum, item) => sum + (Array.isArray(item.json.messages) ? item.json.messages.length : 1), 0);
	if (messages !== size) throw new Error(`${target.label} trigger emitted ${messages} of ${size} messages in its warm-up execution`);
}

/**
 * The same signed batches (1, 10 and 100 messages; `requests` of each) to every target, in
 * `rounds` alternating turns per batch size so that both see the same machine state; the order
 * flips every round. Each target's time is the sum of its own turns.
 */
async function sideBySide(context: BenchContext, api: N8nApi, targets: Target[]): Promise<Record<string, HttpFigures>> {
	const requests = context.option('requests', 300);
	const concurrency = context.option('concurrency', 4);
	const rounds = Math.max(1, Math.min(requests, context.option('rounds', 2)));
	const latencies = new Map(targets.map((target) => [target.label, [] as number[]]));
	const elapsed = new Map(targets.map((target) => [target.label, 0]));
	const bySize = new Map(targets.map((target) => [target.label, {} as Record<number, number>]));
	let events = 0;
	for (const size of [1, 10, 100]) {
		const batches = Array.from({ length: requests }, () => signedBatch(size));
		const msBySize = new Map(targets.map((target) => [target.label, 0]));
		for (let round = 0; round < rounds; round++) {
			const chunk = batches.slice(Math.floor((round * requests) / rounds), Math.floor(((round + 1) * requests) / rounds));
			const order = round % 2 === 0 ? targets : [...targets].reverse();
			for (const target of order) {
				const turn = await deliver(api, target, chunk, concurrency);
				latencies.get(target.label)!.push(...turn.latencies);
				msBySize.set(target.label, msBySize.get(target.label)! + turn.ms);
			}
		}
		events += size * requests;
		for (const target of targets) {
			const ms = msBySize.get(target.label)!;
			bySize.get(target.label)![size] = (size * requests) / (ms / 1000);
			elapsed.set(target.label, elapsed.get(target.label)! + ms);
		}
		context.log(`n8n: batch ${size}: ${targets.map((t) => `${t.label} ${bySize.get(t.label)![size].toFixed(0)}`).join(', ')} events/s`);
	}
	return Object.fromEntries(
		targets.map((target) => {
			const sorted = latencies.get(target.label)!.sort((a, b) => a - b);
			const figures: HttpFigures = {
				eventsPerS: events / (elapsed.get(target.label)! / 1000),
				p50: percentile(sorted, 50),
				p99: percentile(sorted, 99),
				bySize: bySize.get(target.label)!,
			};
			return [target.label, figures];
		}),
	);
}

function triggerWorkflow(name: string, webhookId: string, node: Record<string, unknown>) {
	return {
		name,
		nodes: [{ id: randomUUID(), name: 'Trigger', typeVersion: 1, position: [0, 0], webhookId, ...node }],
		connections: {},
	};
}

export default async function ingest(context: BenchContext): Promise<BenchResult> {
	const pipeline = await pipelineAlone(context);

	// n8n's built-in trigger calls graph.facebook.com (fixed) on activation: a loopback TLS fake
	// answers the app token and app subscription calls, inside the benchmark's n8n only.
	const fake = await startFakeGraphTls();
	const subscriptions = serveAppSubscriptions(fake.platform, { clientId: APP_ID, clientSecret: APP_SECRET });
	context.log('building a private copy of the package (the shared dist/ is rebuilt by concurrent runs)');
	const packageCopy = buildPrivatePackage();
	const userFolder = mkdtempSync(join(tmpdir(), 'chatflow-bench-ingest-'));
	// Production executions are saved as n8n saves them by default: that cost is part of the answer.
	const n8n = await N8nInstance.start({
		userFolder,
		packageDir: packageCopy.dir,
		port: await freePort(),
		env: { ...fake.env, N8N_LOG_LEVEL: 'warn' },
		nodeArgs: fake.nodeArgs,
	});
	let measured: Record<string, HttpFigures>;
	try {
		await n8n.waitUntilReady();
		const api = await N8nApi.connect(n8n.url);
		const chatflowCredential = await api.createCredential('chatflowMetaAppApi', 'bench meta app', {
			appId: APP_ID,
			appSecret: APP_SECRET,
			previousAppSecret: '',
			verifyToken: 'bench',
			apiVersion: 'v26.0',
			baseUrl: 'http://127.0.0.1:9',
		});
		// The same app secret for both: the very same signed bytes are valid for either trigger.
		const builtinCredential = await api.createCredential('whatsAppTriggerApi', 'bench built-in trigger', { clientId: APP_ID, clientSecret: APP_SECRET });

		const chatflowHook = randomUUID();
		const chatflowWorkflowId = await api.createWorkflow(
			triggerWorkflow('bench ingest chatflow', chatflowHook, {
				type: 'n8n-nodes-chatflow.chatflowWhatsAppTrigger',
				typeVersion: 2, // the current default (n8n's built-in trigger has only version 1)
				parameters: {},
				credentials: { chatflowMetaAppApi: { id: chatflowCredential.id, name: chatflowCredential.name } },
			}),
			{ webhooks: [{ path: `${chatflowHook}/webhook`, method: 'POST' }] },
		);
		const builtinHook = randomUUID();
		const builtinWorkflowId = await api.createWorkflow(
			triggerWorkflow('bench ingest built-in', builtinHook, {
				type: 'n8n-nodes-base.whatsAppTrigger',
				parameters: { updates: ['messages'], options: {} },
				credentials: { whatsAppTriggerApi: { id: builtinCredential.id, name: builtinCredential.name } },
			}),
			{ webhooks: [{ path: `${builtinHook}/webhook`, method: 'POST' }] },
		);
		// n8n registers a trigger's webhooks after answering /activate: wait for the subscription.
		const subscription = await subscriptions.waitFor('whatsapp_business_account', 30_000).catch((error: Error) => {
			const seen = fake.platform.requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none';
			throw new Error(`${error.message}; the fake graph.facebook.com received: ${seen}; n8n log: ${n8n.logs().slice(-2000)}`);
		});
		context.log(`built-in trigger subscribed app ${APP_ID} on the fake: ${subscription.callback_url} (${subscription.fields.map((f) => f.name).join(',')})`);

		const targets: Target[] = [
			{ label: 'chatflow', url: api.webhookUrl(chatflowHook, 'webhook'), workflowId: chatflowWorkflowId, expected: 0 },
			{ label: 'builtin', url: api.webhookUrl(builtinHook, 'webhook'), workflowId: builtinWorkflowId, expected: 0 },
		];
		for (const target of targets) await warmUp(api, target);
		measured = await sideBySide(context, api, targets);
	} finally {
		await n8n.stop();
		await fake.close();
		rmSync(userFolder, { recursive: true, force: true });
		packageCopy.dispose();
	}
	const { chatflow, builtin } = measured;

	return {
		figures: {
			chatflow_events_per_s: chatflow.eventsPerS,
			builtin_events_per_s: builtin.eventsPerS,
			chatflow_p50_ms: chatflow.p50,
			chatflow_p99_ms: chatflow.p99,
			builtin_p50_ms: builtin.p50,
			builtin_p99_ms: builtin.p99,
			pipeline_events_per_s: pipeline.eventsPerS,
			per_event_us_batch1: pipeline.usBatch1,
			per_event_us_batch100: pipeline.usBatch100,
			chatflow_events_per_s_batch1: chatflow.bySize[1],
			chatflow_events_per_s_batch10: chatflow.bySize[10],
			chatflow_events_per_s_batch100: chatflow.bySize[100],
			builtin_events_per_s_batch1: builtin.bySize[1],
			builtin_events_per_s_batch10: builtin.bySize[10],
			builtin_events_per_s_batch100: builtin.bySize[100],
		},
		ratios: {
			vs_builtin: chatflow.eventsPerS / builtin.eventsPerS,
			per_event_batch1_vs_batch100: pipeline.usBatch1 / pipeline.usBatch100,
		},
		notes: [
			'pipeline_*: verify+parse+normalise+filter+de-duplicate (in-process store), one core, no n8n; per_event_us at batch 1 and 100.',
			`chatflow_* and builtin_*: the same signed WhatsApp batches of 1, 10, 100 messages (--requests=${context.option('requests', 300)} of each, --concurrency=${context.option('concurrency', 4)}) to two active workflows in one real n8n, in --rounds=${context.option('rounds', 2)} alternating turns per size; events/s = messages until every execution ended; p50/p99 of the HTTP answer.`,
			'The built-in trigger emits one item per change (the messages inside, not normalised, no de-duplication); Chatflow one normalised item per message. vs_builtin = chatflow_events_per_s / builtin_events_per_s.',
			'graph.facebook.com (app token, /{app_id}/subscriptions on activation) → loopback TLS fake, test CA, inside the benchmark n8n only (bench/support).',
		],
	};
}

/** Polls the executions list until the target's expected production executions have ended. */
async function waitForFinished(api: N8nApi, target: Target, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const finished = await countFinished(api, target.workflowId);
		if (finished >= target.expected) return;
		if (Date.now() > deadline) throw new Error(`${target.label}: only ${finished} of ${target.expected} executions finished (every POST was answered 200)`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** The public API lists at most 250 per page: follow the cursor. */
async function countFinished(api: N8nApi, workflowId: string): Promise<number> {
	let total = 0;
	let cursor = '';
	for (;;) {
		const page = await api.request<{ data: Array<{ status: string }>; nextCursor?: string | null }>(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=false&limit=250${cursor ? `&cursor=${cursor}` : ''}`,
		);
		total += page.data.filter((e) => e.status !== 'running' && e.status !== 'new' && e.status !== 'waiting').length;
		if (!page.nextCursor) return total;
		cursor = page.nextCursor;
	}
}
