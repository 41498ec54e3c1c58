/**
 * WhatsApp send throughput (issue 3): N text messages through a workflow in a real n8n
 * (Webhook → Split Out → send node), against FakePlatform answering with 50 ms latency,
 * for the Chatflow WhatsApp node (rate limit 1,000/s) and for n8n's built-in WhatsApp node,
 * in the same run, against the same fake server.
 *
 * The built-in node's base URL is fixed to https://graph.facebook.com/v13.0/: the fake server
 * serves TLS on port 443 of its own loopback address with a certificate from a throw-away test
 * CA, and only the benchmark's n8n resolves graph.facebook.com to it (a --require preload) and
 * trusts the CA (NODE_EXTRA_CA_CERTS). See bench/support/fakeGraphTls.ts. Both nodes go through
 * that same HTTPS path (the Chatflow credential keeps its default base URL).
 *
 * Options: --n=2000 (both nodes), --nLarge=20000 (Chatflow only, memory), --rate=1000,
 * --latency=50, --concurrency=100, --builtinN=2000
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nApi } from '../scripts/n8n/api';
import { fanOutWorkflow as workflow } from '../scripts/n8n/fanOutWorkflow';
import { N8nInstance, freePort } from '../scripts/n8n/instance';
import type { RecordedRequest } from '../simulator/platform';
import { startFakeGraphTls } from './support/fakeGraphTls';
import { buildPrivatePackage } from './support/privatePackage';
import { profileNodeArgs } from './support/profile';
import type { BenchContext, BenchResult } from './types';

const TOKEN = `EAAG-bench-${randomUUID()}`;
const PHONE_ID = '106540352242922';
const WABA_ID = '102290129340398';

interface Delivery {
	count: number;
}

function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

export default async function send(context: BenchContext): Promise<BenchResult> {
	const n = context.option('n', 2000);
	const nLarge = context.option('nLarge', 20000);
	const builtinN = context.option('builtinN', n);
	const rate = context.option('rate', 1000);
	const latencyMs = context.option('latency', 50);
	const concurrency = context.option('concurrency', 100);

	const fake = await startFakeGraphTls({ latencyMs, maxRecorded: 100 });
	const deliveries = new Map<string, Delivery>();
	fake.platform.on('POST', '/:version/:phone/messages', (request: RecordedRequest) => {
		const body = request.json as { to?: string; messaging_product?: string };
		if (request.headers.authorization !== `Bearer ${TOKEN}`) return { status: 401, json: { error: { code: 190, message: 'bad token' } } };
		const to = String(body.to);
		const entry = deliveries.get(to) ?? { count: 0 };
		entry.count++;
		deliveries.set(to, entry);
		return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.${to}.${entry.count}` }] } };
	});

	context.log('building a private copy of the package (the shared dist/ is rebuilt by concurrent runs)');
	const packageCopy = buildPrivatePackage();
	const userFolder = mkdtempSync(join(tmpdir(), 'chatflow-bench-send-'));
	const n8n = await N8nInstance.start({
		userFolder,
		packageDir: packageCopy.dir,
		port: await freePort(),
		// Execution data is not saved: the figure is the node's throughput and memory, not SQLite's.
		env: { ...fake.env, EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', EXECUTIONS_DATA_SAVE_ON_ERROR: 'all', N8N_LOG_LEVEL: 'warn', N8N_PAYLOAD_SIZE_MAX: '64' },
		nodeArgs: [...fake.nodeArgs, ...profileNodeArgs()],
	});
	try {
		context.log(`starting n8n (fake Graph API at https://graph.facebook.com → ${fake.address}:443, ${latencyMs} ms latency)`);
		await n8n.waitUntilReady();
		const api = await N8nApi.connect(n8n.url);
		const chatflowCredential = await api.createCredential('chatflowWhatsAppApi', 'bench chatflow', {
			accessToken: TOKEN,
			businessAccountId: WABA_ID,
			phoneNumberId: PHONE_ID,
			apiVersion: 'v26.0',
			baseUrl: 'https://graph.facebook.com',
		});
		const builtinCredential = await api.createCredential('whatsAppApi', 'bench built-in', { accessToken: TOKEN, businessAccountId: WABA_ID });

		const chatflowHook = randomUUID();
		const chatflowWorkflowId = await api.createWorkflow(
			workflow('bench chatflow send', chatflowHook, {
				type: 'n8n-nodes-chatflow.chatflowWhatsApp',
				parameters: {
					resource: 'message',
					operation: 'sendText',
					phoneNumberId: { __rl: true, mode: 'id', value: PHONE_ID },
					to: '={{ $json.to }}',
					text: '=Hello {{ $json.name }}',
					previewUrl: false,
					throughput: { messagesPerSecond: rate, concurrency },
				},
				credentials: { chatflowWhatsAppApi: { id: chatflowCredential.id, name: chatflowCredential.name } },
			}),
			{ webhooks: [{ path: chatflowHook }] },
		);
		const builtinHook = randomUUID();
		const builtinWorkflowId = await api.createWorkflow(
			workflow('bench built-in send', builtinHook, {
				type: 'n8n-nodes-base.whatsApp',
				typeVersion: 1.1,
				parameters: {
					resource: 'message',
					operation: 'send',
					messagingProduct: 'whatsapp',
					phoneNumberId: PHONE_ID,
					recipientPhoneNumber: '={{ $json.to }}',
					messageType: 'text',
					textBody: '=Hello {{ $json.name }}',
					additionalFields: {},
				},
				credentials: { whatsAppApi: { id: builtinCredential.id, name: builtinCredential.name } },
			}),
			{ webhooks: [{ path: builtinHook }] },
		);

		const workflowIds: Record<string, string> = { [chatflowHook]: chatflowWorkflowId, [builtinHook]: builtinWorkflowId };
		const runOnce = async (label: string, hook: string, count: number) => {
			const prefix = String(1000 + Math.floor(Math.random() * 8999));
			const recipients = Array.from({ length: count }, (_, i) => ({ to: `${prefix}${String(i).padStart(8, '0')}`, name: `R${i}` }));
			const before = deliveries.size;
			context.log(`${label}: ${count} messages`);
			const started = performance.now();
			const response = await postJson(`${n8n.url}/webhook/${hook}`, { recipients });
			const text = response.body;
			const seconds = (performance.now() - started) / 1000;
			if (response.status !== 200) {
				const [failed] = await api.executions(workflowIds[hook]).catch(() => []);
				const cause = failed?.data?.resultData.error?.message ?? text.slice(0, 500);
				throw new Error(`${label}: webhook answered ${response.status}: ${cause}`);
			}
			let delivered = 0;
			let duplicated = 0;
			for (const recipient of recipients) {
				const entry = deliveries.get(recipient.to);
				if (entry) {
					delivered++;
					duplicated += entry.count - 1;
				}
			}
			const result = { msgsPerS: count / seconds, seconds, lost: count - delivered, duplicated, peakRssMb: procStatusMb(n8n.pid, 'VmHWM') };
			context.log(`${label}: ${result.msgsPerS.toFixed(0)} msg/s in ${seconds.toFixed(1)} s, lost ${result.lost}, duplicated ${result.duplicated}, n8n peak RSS ${result.peakRssMb.toFixed(0)} MB (new deliveries ${deliveries.size - before})`);
			return result;
		};

		// Warm-up (module loading, JIT, connection set-up) for both nodes, not measured.
		await runOnce('warm-up chatflow', chatflowHook, 200);
		await runOnce('warm-up built-in', builtinHook, 20);
		const baselineRss = procStatusMb(n8n.pid, 'VmHWM');
		const chatflow = await runOnce('chatflow', chatflowHook, n);
		const chatflowLarge = await runOnce('chatflow (large)', chatflowHook, nLarge);
		const builtin = await runOnce('built-in', builtinHook, builtinN);

		return {
			figures: {
				chatflow_msgs_per_s: round(chatflow.msgsPerS),
				builtin_msgs_per_s: round(builtin.msgsPerS),
				rate_limit_msgs_per_s: rate,
				chatflow_peak_rss_mb_2k: round(chatflow.peakRssMb),
				chatflow_peak_rss_mb_20k: round(chatflowLarge.peakRssMb),
				lost: chatflow.lost + chatflowLarge.lost,
				duplicated: chatflow.duplicated + chatflowLarge.duplicated,
				chatflow_msgs_per_s_20k: round(chatflowLarge.msgsPerS),
				n8n_peak_rss_mb_after_warmup: round(baselineRss),
				builtin_lost: builtin.lost,
			},
			ratios: {
				vs_builtin: round(chatflow.msgsPerS / builtin.msgsPerS),
				vs_rate_limit: round(chatflow.msgsPerS / rate),
			},
			notes: [
				`N=${n} (both nodes, same n8n, same fake server), N=${nLarge} for Chatflow's memory; fake server latency ${latencyMs} ms; Chatflow rate limit ${rate}/s, ${concurrency} concurrent requests; built-in node N=${builtinN}.`,
				'Throughput = N / wall time of the webhook call (responseMode lastNode: the whole workflow), after a warm-up run of each node.',
				'Peak RSS = VmHWM of the n8n process (cumulative): the 2k figure is read after the 2k run, the 20k figure after the 20k run.',
				'graph.facebook.com → fake server (TLS, test CA) inside the benchmark n8n only: --require bench/support/dns-preload.cjs + NODE_EXTRA_CA_CERTS.',
			],
		};
	} finally {
		await n8n.stop();
		await fake.close();
		rmSync(userFolder, { recursive: true, force: true });
		packageCopy.dispose();
	}
}

/** POST without a client-side time limit (fetch gives up on headers after 300 s; a 20k run can take longer). */
async function postJson(url: string, body: unknown): Promise<{ status: number; body: string }> {
	const payload = Buffer.from(JSON.stringify(body));
	return await new Promise((resolve, reject) => {
		const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			response.on('error', reject);
		});
		request.on('error', reject);
		request.end(payload);
	});
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
