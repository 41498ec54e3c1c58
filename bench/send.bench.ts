/**
 * WhatsApp send throughput: N text messages through a workflow in a real n8n
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
 *
 * Besides the throughput ratios, `rss_20k_vs_2k` is n8n's peak RSS after the 20k run over its
 * peak after the 2k run (VmHWM): memory that grows with N. `n8n_floor_rss_20k_vs_2k` is the same
 * ratio for the workflow with n8n's Set node instead of a send node, in its own n8n (--floor=0
 * skips it): what n8n needs for N items whatever the node does.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nApi } from '../scripts/n8n/api';
import { fanOutWorkflow as workflow } from '../scripts/n8n/fanOutWorkflow';
import { N8nInstance, freePort } from '../scripts/n8n/instance';
import type { RecordedRequest } from '../simulator/platform';
import { startFakeGraphTls } from './support/fakeGraphTls';
import { measureMemoryFloor, peakRssMb, postJson } from './support/memoryFloor';
import { buildPrivatePackage } from './support/privatePackage';
import { profileNodeArgs } from './support/profile';
import type { BenchContext, BenchResult } from './types';

const TOKEN = `EAAG-bench-${randomUUID()}`;
const PHONE_ID = '106540352242922';
const WABA_ID = '102290129340398';

interface Delivery {
	count: number;
}

export default async function send(context: BenchContext): Promise<BenchResult> {
	const n = context.option('n', 2000);
	const nLarge = context.option('nLarge', 20000);
	const builtinN = context.option('builtinN', n);
	const rate = context.option('rate', 1000);
	const latencyMs = context.option('latency', 50);
	const concurrency = context.option('concurrency', 100);
	const measureFloor = context.option('floor', 1) !== 0;

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
	// Execution data is not saved: the figure is the node's throughput and memory, not SQLite's.
	const env = { ...fake.env, EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', EXECUTIONS_DATA_SAVE_ON_ERROR: 'all', N8N_LOG_LEVEL: 'warn', N8N_PAYLOAD_SIZE_MAX: '64' };
	const floor = measureFloor ? await measureMemoryFloor(packageCopy.dir, env, { n, nLarge }, context.log) : undefined;
	const userFolder = mkdtempSync(join(tmpdir(), 'chatflow-bench-send-'));
	const n8n = await N8nInstance.start({
		userFolder,
		packageDir: packageCopy.dir,
		port: await freePort(),
		env,
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
			const result = { msgsPerS: count / seconds, seconds, lost: count - delivered, duplicated, peakRssMb: peakRssMb(n8n.pid) };
			context.log(`${label}: ${result.msgsPerS.toFixed(0)} msg/s in ${seconds.toFixed(1)} s, lost ${result.lost}, duplicated ${result.duplicated}, n8n peak RSS ${result.peakRssMb.toFixed(0)} MB (new deliveries ${deliveries.size - before})`);
			return result;
		};

		// Warm-up (module loading, JIT, connection set-up) for both nodes, not measured.
		await runOnce('warm-up chatflow', chatflowHook, 200);
		await runOnce('warm-up built-in', builtinHook, 20);
		const baselineRss = peakRssMb(n8n.pid);
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
				...(floor ? { n8n_floor_peak_rss_mb_2k: round(floor.peakRssMb), n8n_floor_peak_rss_mb_20k: round(floor.peakRssMbLarge) } : {}),
			},
			ratios: {
				vs_builtin: round(chatflow.msgsPerS / builtin.msgsPerS),
				vs_rate_limit: round(chatflow.msgsPerS / rate),
				// Memory that grows with N: 1.0 means the 20k run needed no more than the 2k run.
				rss_20k_vs_2k: round(chatflowLarge.peakRssMb / chatflow.peakRssMb),
				// The same for n8n alone (Set node instead of the send node, no HTTP): the floor.
				...(floor ? { n8n_floor_rss_20k_vs_2k: round(floor.peakRssMbLarge / floor.peakRssMb) } : {}),
			},
			notes: [
				`N=${n} (both nodes, same n8n, same fake server), N=${nLarge} for Chatflow's memory; fake server latency ${latencyMs} ms; Chatflow rate limit ${rate}/s, ${concurrency} concurrent requests; built-in node N=${builtinN}.`,
				'Throughput = N / wall time of the webhook call (responseMode lastNode: the whole workflow), after a warm-up run of each node.',
				'Peak RSS = VmHWM of the n8n process (cumulative): the 2k figure is read after the 2k run, the 20k figure after the 20k run.',
				'n8n_floor_*: the same workflow and sizes with n8n\'s Set node in place of the send node, in a second n8n started first (--floor=0 skips it): what n8n itself needs for N items.',
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

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
