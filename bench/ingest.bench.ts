/**
 * Inbound webhooks (issue 4).
 * (a) The pipeline alone, no n8n: signed WhatsApp batches through verify → parse → flatten →
 *     normalise → filter → de-duplicate (in-process store), on one core. Per-event cost at
 *     batch 1 and batch 100, alternating in rounds so both see the same machine state.
 * (b) Through the real n8n: signed batches of 1, 10 and 100 messages POSTed to an active
 *     workflow with the Chatflow WhatsApp Trigger, `--concurrency` clients; events/s and the
 *     latency of the HTTP answer.
 * The built-in WhatsApp Trigger side needs bench/support (loopback TLS, test CA and name
 * resolution for graph.facebook.com, which it calls on activation); until that lands its figures
 * are reported as null (not measured).
 * Options: --seconds=2 (a), --requests=300 per batch size (b), --concurrency=4
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { signRequestBody } from '../nodes/shared/flows/signature';
import { deduplicate, runPipeline } from '../nodes/shared/ingestion';
import { MemoryStore } from '../nodes/shared/store';
import { N8nApi } from '../scripts/n8n/api';
import { N8nInstance, freePort } from '../scripts/n8n/instance';
import type { BenchContext, BenchResult } from './types';

const APP_SECRET = 'bench-app-secret-0123456789abcdef';
const PHONE_NUMBER_ID = '106540352242922';

let sequence = 0;

/** A WhatsApp delivery of `size` text messages with ids never used before, signed. */
function signedBatch(size: number): { body: Buffer; signature: string } {
	const messages = Array.from({ length: size }, () => {
		sequence += 1;
		return {
			from: '16505551234',
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
								contacts: [{ profile: { name: 'Ada' }, wa_id: '16505551234' }],
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

/** POSTs `requests` signed batches of each size with `concurrency` clients; waits for every execution. */
async function throughN8n(context: BenchContext, api: N8nApi, url: string, workflowId: string): Promise<HttpFigures> {
	const requests = context.option('requests', 300);
	const concurrency = context.option('concurrency', 4);
	const latencies: number[] = [];
	const bySize: Record<number, number> = {};
	let events = 0;
	let elapsed = 0;
	let executions = 0;
	for (const size of [1, 10, 100]) {
		const batches = Array.from({ length: requests }, () => signedBatch(size));
		let next = 0;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (next < batches.length) {
					const batch = batches[next++];
					const sent = performance.now();
					const response = await fetch(url, {
						method: 'POST',
						headers: { 'content-type': 'application/json', 'x-hub-signature-256': batch.signature },
						body: batch.body,
					});
					await response.arrayBuffer();
					latencies.push(performance.now() - sent);
					if (response.status !== 200) throw new Error(`trigger answered ${response.status}`);
				}
			}),
		);
		executions += requests;
		// The answer goes out before the workflow runs: count the time until every execution ended.
		await waitForFinished(api, workflowId, executions);
		const ms = performance.now() - started;
		bySize[size] = (size * requests) / (ms / 1000);
		events += size * requests;
		elapsed += ms;
		context.log(`n8n: batch ${size}: ${bySize[size].toFixed(0)} events/s`);
	}
	const sorted = latencies.sort((a, b) => a - b);
	return { eventsPerS: events / (elapsed / 1000), p50: percentile(sorted, 50), p99: percentile(sorted, 99), bySize };
}

export default async function ingest(context: BenchContext): Promise<BenchResult> {
	const pipeline = await pipelineAlone(context);

	const userFolder = mkdtempSync(join(tmpdir(), 'chatflow-bench-ingest-'));
	// Production executions are saved as n8n saves them by default: that cost is part of the answer.
	const n8n = await N8nInstance.start({ userFolder, port: await freePort(), env: { N8N_LOG_LEVEL: 'warn' } });
	let chatflow: HttpFigures;
	try {
		await n8n.waitUntilReady();
		const api = await N8nApi.connect(n8n.url);
		const credential = await api.createCredential('chatflowMetaAppApi', 'bench meta app', {
			appId: '1',
			appSecret: APP_SECRET,
			previousAppSecret: '',
			verifyToken: 'bench',
			apiVersion: 'v26.0',
			baseUrl: 'http://127.0.0.1:9',
		});
		const webhookId = randomUUID();
		const workflowId = await api.createWorkflow(
			{
				name: 'bench ingest chatflow',
				nodes: [
					{
						id: randomUUID(),
						name: 'Trigger',
						type: 'n8n-nodes-chatflow.chatflowWhatsAppTrigger',
						typeVersion: 1,
						position: [0, 0],
						webhookId,
						parameters: {},
						credentials: { chatflowMetaAppApi: { id: credential.id, name: credential.name } },
					},
				],
				connections: {},
			},
			{ webhooks: [{ path: `${webhookId}/webhook`, method: 'POST' }] },
		);
		chatflow = await throughN8n(context, api, api.webhookUrl(webhookId, 'webhook'), workflowId);
	} finally {
		await n8n.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}

	return {
		figures: {
			chatflow_events_per_s: chatflow.eventsPerS,
			builtin_events_per_s: Number.NaN,
			chatflow_p50_ms: chatflow.p50,
			chatflow_p99_ms: chatflow.p99,
			builtin_p50_ms: Number.NaN,
			builtin_p99_ms: Number.NaN,
			pipeline_events_per_s: pipeline.eventsPerS,
			per_event_us_batch1: pipeline.usBatch1,
			per_event_us_batch100: pipeline.usBatch100,
			chatflow_events_per_s_batch1: chatflow.bySize[1],
			chatflow_events_per_s_batch10: chatflow.bySize[10],
			chatflow_events_per_s_batch100: chatflow.bySize[100],
		},
		ratios: {
			vs_builtin: Number.NaN,
			per_event_batch1_vs_batch100: pipeline.usBatch1 / pipeline.usBatch100,
		},
		notes: [
			'pipeline_*: verify+parse+normalise+filter+de-duplicate (in-process store), one core, no n8n; per_event_us at batch 1 and 100.',
			'chatflow_*: signed WhatsApp batches of 1, 10, 100 messages to the real n8n (equal request counts), events/s until every execution ended; p50/p99 of the HTTP answer.',
			'builtin_* and vs_builtin are null (not measured): the built-in trigger needs graph.facebook.com served on loopback (bench/support, not there yet).',
		],
	};
}

/** Polls the executions list until `count` production executions of the workflow have ended. */
async function waitForFinished(api: N8nApi, workflowId: string, count: number): Promise<void> {
	const deadline = Date.now() + 600_000;
	for (;;) {
		const finished = await countFinished(api, workflowId);
		if (finished >= count) return;
		if (Date.now() > deadline) throw new Error(`only ${finished} of ${count} executions finished`);
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
