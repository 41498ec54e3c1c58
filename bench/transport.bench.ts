/**
 * What a new TLS connection per request costs, and what the package's HTTP layer costs on top of
 * a bare keep-alive client: the same text sends to the fake Graph API (TLS, test CA, 50 ms
 * latency) from a Node client process, in three modes:
 * - per-request: a new agent per request (what n8n's request helper does for every call);
 * - keep-alive: one keep-alive agent, a bare client (the floor);
 * - layer: the package's GraphClient over its HTTP layer (nodes/shared/http), as a node uses it:
 *   credential authentication, egress filter (pass-through), retry loop, JSON parsing.
 * No n8n and no workflow.
 *
 * Reported per mode: requests/s, client CPU ms per request, fake server CPU ms per request (this
 * process: its TLS handshakes compete with n8n for the same cores in `npm run bench -- send`),
 * and the client's peak RSS at N and at N large (memory that grows with N is per-connection
 * garbage). Modes alternate. Each client process loads the package (so every mode collects
 * garbage on the same heap) and warms up over connections it closes again
 * (bench/support/transportClient.cjs): the measured run has compiled code, as a long-running
 * n8n has, and still opens all its connections.
 * Options: --n=2000, --nLarge=20000, --concurrency=100, --latency=50
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { startFakeGraphTls } from './support/fakeGraphTls';
import { buildPrivatePackage } from './support/privatePackage';
import type { BenchContext, BenchResult } from './types';

const run = promisify(execFile);
const MODES = ['per-request', 'keep-alive', 'layer'] as const;
/** Requests each client process sends before measuring, over connections it closes again. */
const WARM_UP = 300;
type Mode = (typeof MODES)[number];

interface ClientRun {
	seconds: number;
	cpuMsPerRequest: number;
	peakRssMb: number;
	serverCpuMsPerRequest: number;
	requestsPerS: number;
}

export default async function transport(context: BenchContext): Promise<BenchResult> {
	const n = context.option('n', 2000);
	const nLarge = context.option('nLarge', 20000);
	const concurrency = context.option('concurrency', 100);
	const latencyMs = context.option('latency', 50);
	const token = `EAAG-bench-${randomUUID()}`;
	const fake = await startFakeGraphTls({ latencyMs, maxRecorded: 10 });
	let served = 0;
	fake.platform.on('POST', '/:version/:phone/messages', (request) => {
		if (request.headers.authorization !== `Bearer ${token}`) return { status: 401, json: { error: { code: 190, message: 'bad token' } } };
		served++;
		const to = String((request.json as { to?: string }).to);
		return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.${to}` }] } };
	});

	context.log('building a private copy of the package (the layer mode loads it)');
	const packageCopy = buildPrivatePackage();
	const client = async (mode: Mode, count: number): Promise<ClientRun> => {
		const servedBefore = served;
		const serverCpu = process.cpuUsage();
		const { stdout } = await run(process.execPath, [...fake.nodeArgs, join(__dirname, 'support', 'transportClient.cjs'), fake.address, String(count), String(concurrency), mode, token, packageCopy.dir, String(WARM_UP)], {
			env: { ...process.env, ...fake.env },
			maxBuffer: 1 << 20,
		});
		const used = process.cpuUsage(serverCpu);
		if (served - servedBefore !== count + WARM_UP) throw new Error(`${mode}: the server answered ${served - servedBefore} of ${count} requests and ${WARM_UP} warm-up requests`);
		const result = JSON.parse(stdout) as Omit<ClientRun, 'serverCpuMsPerRequest' | 'requestsPerS'>;
		const runResult = { ...result, serverCpuMsPerRequest: (used.user + used.system) / 1000 / count, requestsPerS: count / result.seconds };
		context.log(`${mode} N=${count}: ${runResult.requestsPerS.toFixed(0)} requests/s, client ${runResult.cpuMsPerRequest.toFixed(2)} ms CPU/request, server ${runResult.serverCpuMsPerRequest.toFixed(2)} ms, client peak RSS ${runResult.peakRssMb.toFixed(0)} MB`);
		return runResult;
	};

	try {
		for (const mode of MODES) await client(mode, 200); // warm-up of this process: the server's first handshakes
		const small: Partial<Record<Mode, ClientRun>> = {};
		const large: Partial<Record<Mode, ClientRun>> = {};
		for (const mode of MODES) small[mode] = await client(mode, n);
		for (const mode of [...MODES].reverse()) large[mode] = await client(mode, nLarge);
		const perRequest = small['per-request']!;
		const keepAlive = small['keep-alive']!;
		const layer = small.layer!;
		const round = (value: number) => Math.round(value * 100) / 100;
		return {
			figures: {
				per_request_requests_per_s: round(perRequest.requestsPerS),
				keep_alive_requests_per_s: round(keepAlive.requestsPerS),
				per_request_client_cpu_ms: round(perRequest.cpuMsPerRequest),
				keep_alive_client_cpu_ms: round(keepAlive.cpuMsPerRequest),
				per_request_server_cpu_ms: round(perRequest.serverCpuMsPerRequest),
				keep_alive_server_cpu_ms: round(keepAlive.serverCpuMsPerRequest),
				per_request_peak_rss_mb_small: round(perRequest.peakRssMb),
				per_request_peak_rss_mb_large: round(large['per-request']!.peakRssMb),
				keep_alive_peak_rss_mb_small: round(keepAlive.peakRssMb),
				keep_alive_peak_rss_mb_large: round(large['keep-alive']!.peakRssMb),
				layer_requests_per_s: round(layer.requestsPerS),
				layer_client_cpu_ms: round(layer.cpuMsPerRequest),
				layer_server_cpu_ms: round(layer.serverCpuMsPerRequest),
				layer_peak_rss_mb_small: round(layer.peakRssMb),
				layer_peak_rss_mb_large: round(large.layer!.peakRssMb),
			},
			ratios: {
				keep_alive_vs_per_request_throughput: round(keepAlive.requestsPerS / perRequest.requestsPerS),
				per_request_vs_keep_alive_client_cpu: round(perRequest.cpuMsPerRequest / keepAlive.cpuMsPerRequest),
				layer_vs_keep_alive_client_cpu: round(layer.cpuMsPerRequest / keepAlive.cpuMsPerRequest),
				layer_vs_keep_alive_throughput: round(layer.requestsPerS / keepAlive.requestsPerS),
			},
			notes: [
				`N=${n} (small) and ${nLarge} (large), ${concurrency} requests in flight, fake Graph API latency ${latencyMs} ms, TLS with an RSA-2048 server certificate from a test CA.`,
				`per-request = a new https.Agent per call, as n8n's request helper does; keep-alive = one agent for the run, a bare client; layer = GraphClient over the package's HTTP layer (pass-through egress filter). Client: a Node process per run that loads the package and first warms up (${WARM_UP} requests over connections it then closes); server: this process.`,
			],
		};
	} finally {
		await fake.close();
		packageCopy.dispose();
	}
}
