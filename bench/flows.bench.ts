/**
 * WhatsApp Flows endpoint.
 * (a) The handler alone (signature check, RSA-OAEP unwrap, AES-GCM decrypt, JSON, token check,
 *     then the answer encrypted as the respond node does) beside the physical floor measured in
 *     the same run on the same requests: one RSA-2048 OAEP decrypt + AES-GCM decrypt + encrypt.
 *     Batches alternate between the two so both see the same machine state.
 * (b) Through the real n8n: endpoint trigger → Switch on route → respond node, INIT and
 *     data_exchange alternating, 8 concurrent clients, latency percentiles and requests/s.
 *     Then one client at a time (`--singleRequests`, alternating halves): the latency a user sees
 *     when the endpoint is not saturated, without queueing behind other requests.
 * (c) An uploaded file: verify + decrypt per MB beside the primitives written out (--fileMb=4).
 * Options: --requests=2000 (a), --n8nRequests=1600 (b), --concurrency=8, --singleRequests=200,
 *   --lazyIsolates=1 (run n8n with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true), --perRoute=1 (route with the
 *   trigger's outputs instead of a Switch)
 */
import { constants, createCipheriv, createDecipheriv, createHash, createHmac, privateDecrypt, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	createFlowToken,
	encryptResponse,
	handleEndpointRequest,
	loadPrivateKey,
	recallAesKey,
	rememberAesKey,
} from '../nodes/shared/flows';
import { decryptFlowMedia, findUploadedFiles } from '../nodes/shared/flows/media';
import { encryptFlowMedia } from '../simulator/flows/media';
import { N8nApi } from '../scripts/n8n/api';
import { N8nInstance, freePort } from '../scripts/n8n/instance';
import { decryptFlowResponse, encryptFlowRequest, generateFlowsKeyPair, type EncryptedFlowRequest } from '../simulator/flows/client';
import { cpuMs } from './support/processCpu';
import { profileNodeArgs } from './support/profile';
import type { BenchContext, BenchResult } from './types';

const APP_SECRET = 'bench-app-secret-0123456789abcdef';
const TOKEN_SECRET = 'bench-token-secret-0123456789abcdef';
const PASSPHRASE = 'bench passphrase';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

function payloads(count: number, token: string): unknown[] {
	return Array.from({ length: count }, (_, index) =>
		index % 2 === 0
			? { version: '3.0', action: 'INIT', flow_token: token }
			: { version: '3.0', action: 'data_exchange', screen: 'FIRST', data: { name: `Ana ${index}`, choice: '0_Yes' }, flow_token: token },
	);
}

export function handlerAlone(context: BenchContext, keys: ReturnType<typeof generateFlowsKeyPair>, token: string) {
	const count = context.option('requests', 2000);
	const privateKey = loadPrivateKey(keys.privateKeyPem, PASSPHRASE);
	const requests = payloads(count, token).map((payload) => encryptFlowRequest(keys.publicKey, payload, APP_SECRET));
	const answer = { screen: 'SECOND', data: { name: 'Ana', slots: ['09:00', '10:00', '11:00'] } };

	// What the trigger and the respond node do for one request in one process (cache hit).
	const handler = (request: EncryptedFlowRequest) => {
		const outcome = handleEndpointRequest(
			{ rawBody: Buffer.from(request.body), headers: request.headers },
			{ privateKey, appSecrets: [APP_SECRET], tokenSecret: TOKEN_SECRET },
		);
		if (outcome.kind !== 'forward') throw new Error(`handler rejected a request: ${JSON.stringify(outcome)}`);
		// The trigger looks for pickers' files in every request (none here).
		if (findUploadedFiles(outcome.request.data).length > 0) throw new Error('no files expected');
		rememberAesKey(outcome.session.encryptedAesKey, outcome.session.aesKey);
		const aesKey = recallAesKey(outcome.session.encryptedAesKey) ?? outcome.session.aesKey;
		return encryptResponse(aesKey, outcome.session.iv, answer);
	};
	// The floor: what any implementation must do per request, nothing else.
	const floor = (request: EncryptedFlowRequest) => {
		const aesKey = privateDecrypt(
			{ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
			Buffer.from(request.envelope.encrypted_aes_key, 'base64'),
		);
		const iv = Buffer.from(request.envelope.initial_vector, 'base64');
		const data = Buffer.from(request.envelope.encrypted_flow_data, 'base64');
		const decipher = createDecipheriv('aes-128-gcm', aesKey, iv);
		decipher.setAuthTag(data.subarray(data.length - 16));
		Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
		const cipher = createCipheriv('aes-128-gcm', aesKey, Buffer.from(iv.map((byte) => 255 - byte)));
		return Buffer.concat([cipher.update(JSON.stringify(answer)), cipher.final(), cipher.getAuthTag()]).toString('base64');
	};

	// correctness first: the handler's answer decrypts on the client side
	if (JSON.stringify(decryptFlowResponse(requests[0], handler(requests[0]))) !== JSON.stringify(answer)) throw new Error('bad answer');
	for (const request of requests.slice(0, 50)) {
		handler(request);
		floor(request);
	}

	const batch = 100;
	const handlerUs: number[] = [];
	const floorUs: number[] = [];
	for (let start = 0; start < requests.length; start += batch) {
		const slice = requests.slice(start, start + batch);
		const order = (start / batch) % 2 === 0 ? ['handler', 'floor'] : ['floor', 'handler'];
		for (const which of order) {
			const began = process.hrtime.bigint();
			for (const request of slice) (which === 'handler' ? handler : floor)(request);
			const perRequest = Number(process.hrtime.bigint() - began) / 1000 / slice.length;
			(which === 'handler' ? handlerUs : floorUs).push(perRequest);
		}
	}
	context.log(`handler alone: ${requests.length} requests in ${handlerUs.length} alternating batches`);
	return { handler: median(handlerUs), floor: median(floorUs) };
}

/**
 * An uploaded file's checks and decryption (decryptFlowMedia) per MB, beside the same four
 * primitives written out: SHA-256 of the download, HMAC-SHA256 over iv + ciphertext, AES-256-CBC,
 * SHA-256 of the file. Alternating batches, medians.
 */
function fileDecryption(context: BenchContext) {
	const megabytes = context.option('fileMb', 4);
	const { cdnFile, entry } = encryptFlowMedia(randomBytes(megabytes * 1024 * 1024), 'bench.bin');
	const metadata = entry.encryption_metadata;
	const floor = () => {
		const key = Buffer.from(metadata.encryption_key, 'base64');
		const iv = Buffer.from(metadata.iv, 'base64');
		createHash('sha256').update(cdnFile).digest();
		const ciphertext = cdnFile.subarray(0, cdnFile.length - 10);
		createHmac('sha256', Buffer.from(metadata.hmac_key, 'base64')).update(iv).update(ciphertext).digest();
		const decipher = createDecipheriv('aes-256-cbc', key, iv);
		return createHash('sha256').update(Buffer.concat([decipher.update(ciphertext), decipher.final()])).digest();
	};
	const ours = () => decryptFlowMedia(cdnFile, metadata);
	const oursMs: number[] = [];
	const floorMs: number[] = [];
	for (let round = 0; round < 12; round++) {
		for (const which of round % 2 === 0 ? [ours, floor] : [floor, ours]) {
			const began = process.hrtime.bigint();
			which();
			(which === ours ? oursMs : floorMs).push(Number(process.hrtime.bigint() - began) / 1e6 / megabytes);
		}
	}
	context.log(`file decryption: ${megabytes} MB file, 12 alternating rounds`);
	return { ours: median(oursMs.slice(2)), floor: median(floorMs.slice(2)) };
}

/**
 * The endpoint workflow: trigger → Switch on route → respond nodes, or with `perRoute` the
 * trigger's own outputs (INIT, data_exchange) → the same respond nodes, without the Switch.
 */
function endpointWorkflow(webhookId: string, credentialId: string, perRoute: boolean) {
	const credentials = { chatflowFlowsEndpointApi: { id: credentialId, name: 'flows' } };
	const respond = (name: string, y: number, parameters: Record<string, unknown>) => ({
		id: randomUUID(), name, type: 'n8n-nodes-chatflow.chatflowFlowsRespond', typeVersion: 1, position: [600, y], parameters, credentials,
	});
	const to = (node: string) => [{ node, type: 'main', index: 0 }];
	const routing = perRoute ? { routing: 'outputPerRoute', routes: 'INIT, data_exchange' } : {};
	return {
		name: `flows bench ${webhookId}`,
		nodes: [
			{
				id: randomUUID(), name: 'Flows Endpoint', type: 'n8n-nodes-chatflow.chatflowFlowsEndpointTrigger', typeVersion: 2,
				position: [0, 0], webhookId, parameters: { ...routing, verifyFlowToken: true, options: {} }, credentials,
			},
			...(perRoute
				? []
				: [{
					id: randomUUID(), name: 'Route', type: 'n8n-nodes-base.switch', typeVersion: 3.2, position: [300, 0],
					parameters: { mode: 'expression', numberOutputs: 2, output: '={{ $json.route === "INIT" ? 0 : 1 }}' },
				}]),
			respond('Show FIRST', 0, { respondWith: 'nextScreen', screen: 'FIRST', data: '{"greeting":"Hello"}' }),
			respond('Show SECOND', 200, { respondWith: 'nextScreen', screen: 'SECOND', data: '={{ JSON.stringify({ name: $json.data.name }) }}' }),
		],
		connections: perRoute
			? { 'Flows Endpoint': { main: [to('Show FIRST'), to('Show SECOND'), []] } }
			: { 'Flows Endpoint': { main: [to('Route')] }, Route: { main: [to('Show FIRST'), to('Show SECOND')] } },
	};
}

/** The baseline: n8n's own Webhook → Switch → Respond to Webhook, no crypto, same bodies. */
function plainWorkflow(path: string) {
	const respond = (name: string, y: number) => ({
		id: randomUUID(), name, type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.1, position: [600, y],
		parameters: { respondWith: 'text', responseBody: 'AAAA', options: {} },
	});
	return {
		name: `plain webhook bench ${path}`,
		nodes: [
			{
				id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: path,
				parameters: { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} },
			},
			{
				id: randomUUID(), name: 'Route', type: 'n8n-nodes-base.switch', typeVersion: 3.2, position: [300, 0],
				parameters: { mode: 'expression', numberOutputs: 2, output: '={{ $json.body.initial_vector.length > 1000 ? 0 : 1 }}' },
			},
			respond('Respond A', 0),
			respond('Respond B', 200),
		],
		connections: {
			Webhook: { main: [[{ node: 'Route', type: 'main', index: 0 }]] },
			Route: { main: [[{ node: 'Respond A', type: 'main', index: 0 }], [{ node: 'Respond B', type: 'main', index: 0 }]] },
		},
	};
}

interface LoadResult {
	p50: number;
	p90: number;
	p99: number;
	rps: number;
	cpuPerRequest: number;
	latencies: number[];
	seconds: number;
}

/** Percentiles over all latencies of the parts; rates and CPU over the sum. */
function combine(parts: LoadResult[]): LoadResult {
	const sorted = parts.flatMap((part) => part.latencies).sort((a, b) => a - b);
	const seconds = parts.reduce((sum, part) => sum + part.seconds, 0);
	const cpu = parts.reduce((sum, part) => sum + part.cpuPerRequest * part.latencies.length, 0);
	return {
		p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99),
		rps: sorted.length / seconds, cpuPerRequest: cpu / sorted.length, latencies: sorted, seconds,
	};
}

/** Closed loop: `concurrency` clients send `requests` one after another each. */
async function load(
	pid: number,
	requests: EncryptedFlowRequest[],
	concurrency: number,
	send: (request: EncryptedFlowRequest) => Promise<number>,
): Promise<LoadResult> {
	const latencies: number[] = [];
	let next = 0;
	const cpuBefore = cpuMs(pid);
	const began = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < requests.length) latencies.push(await send(requests[next++]));
		}),
	);
	const seconds = (performance.now() - began) / 1000;
	const cpuPerRequest = (cpuMs(pid) - cpuBefore) / requests.length;
	const sorted = latencies.sort((a, b) => a - b);
	return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), rps: requests.length / seconds, cpuPerRequest, latencies: sorted, seconds };
}

async function throughN8n(context: BenchContext, keys: ReturnType<typeof generateFlowsKeyPair>, token: string) {
	const total = context.option('n8nRequests', 1600);
	const concurrency = context.option('concurrency', 8);
	const userFolder = mkdtempSync(join(tmpdir(), 'chatflow-bench-flows-'));
	// --lazyIsolates=1: n8n creates an expression isolate only when an expression is evaluated
	// (its N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE setting, off by default in 2.40.7).
	const lazyIsolates = context.option('lazyIsolates', 0) === 1;
	// --perRoute=1: the trigger's one-output-per-route instead of a Switch.
	const perRoute = context.option('perRoute', 0) === 1;
	const env: Record<string, string> = { N8N_LOG_LEVEL: 'warn', ...(lazyIsolates ? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } : {}) };
	const n8n = await N8nInstance.start({ userFolder, port: await freePort(), env, nodeArgs: profileNodeArgs() });
	try {
		await n8n.waitUntilReady();
		const api = await N8nApi.connect(n8n.url);
		const credential = await api.createCredential('chatflowFlowsEndpointApi', 'flows', {
			privateKey: keys.privateKeyPem, passphrase: PASSPHRASE, appSecret: APP_SECRET, previousAppSecret: '', tokenSecret: TOKEN_SECRET,
		});
		const webhookId = randomUUID();
		await api.createWorkflow(endpointWorkflow(webhookId, credential.id, perRoute), { webhooks: [{ path: `${webhookId}/flows` }] });
		const url = api.webhookUrl(webhookId, 'flows');
		// Encrypt before timing: the client's RSA work must not compete with n8n for the CPU.
		const warmup = payloads(40, token).map((payload) => encryptFlowRequest(keys.publicKey, payload, APP_SECRET));
		const requests = payloads(total, token).map((payload) => encryptFlowRequest(keys.publicKey, payload, APP_SECRET));
		const send = async (request: EncryptedFlowRequest) => {
			const began = performance.now();
			const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
			const text = await response.text();
			const ms = performance.now() - began;
			if (response.status !== 200) throw new Error(`n8n answered ${response.status}: ${text.slice(0, 200)}`);
			decryptFlowResponse(request, text);
			return ms;
		};
		const plainPath = randomUUID();
		await api.createWorkflow(plainWorkflow(plainPath), { webhooks: [{ path: plainPath }] });
		const sendPlain = async (request: EncryptedFlowRequest) => {
			const began = performance.now();
			const response = await fetch(`${n8n.url}/webhook/${plainPath}`, { method: 'POST', headers: request.headers, body: request.body });
			await response.text();
			if (response.status !== 200) throw new Error(`plain webhook answered ${response.status}`);
			return performance.now() - began;
		};
		for (const request of warmup) {
			await send(request);
			await sendPlain(request);
		}
		context.log(`through n8n: ${total} requests, ${concurrency} concurrent clients (and the same through a plain Webhook workflow, alternating quarters)`);
		// Alternating quarters, so that neither workflow gets the warmer or the quieter half.
		const quarter = Math.ceil(requests.length / 4);
		const runs = { flows: [] as LoadResult[], plain: [] as LoadResult[] };
		for (let part = 0; part < 4; part++) {
			const slice = requests.slice(part * quarter, (part + 1) * quarter);
			for (const which of part % 2 === 0 ? (['flows', 'plain'] as const) : (['plain', 'flows'] as const)) {
				runs[which].push(await load(n8n.pid, slice, concurrency, which === 'flows' ? send : sendPlain));
			}
		}
		// One client: latency without queueing, same workflows, fresh requests.
		const singleTotal = context.option('singleRequests', 200);
		context.log(`through n8n: ${singleTotal} requests from one client (and the same through the plain workflow, alternating halves)`);
		const single = payloads(singleTotal, token).map((payload) => encryptFlowRequest(keys.publicKey, payload, APP_SECRET));
		const half = Math.ceil(single.length / 2);
		const singleRuns = { flows: [] as LoadResult[], plain: [] as LoadResult[] };
		for (let part = 0; part < 2; part++) {
			const slice = single.slice(part * half, (part + 1) * half);
			for (const which of part === 0 ? (['flows', 'plain'] as const) : (['plain', 'flows'] as const)) {
				singleRuns[which].push(await load(n8n.pid, slice, 1, which === 'flows' ? send : sendPlain));
			}
		}
		return { ...combine(runs.flows), plain: combine(runs.plain), single: combine(singleRuns.flows), singlePlain: combine(singleRuns.plain), lazyIsolates, perRoute };
	} finally {
		await n8n.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

export default async function flows(context: BenchContext): Promise<BenchResult> {
	const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');
	const loadBefore = load();
	const keys = generateFlowsKeyPair(PASSPHRASE);
	const token = createFlowToken(TOKEN_SECRET, { contact: '4915112345678', journey: 'bench' }, 86400);
	const alone = handlerAlone(context, keys, token);
	const files = fileDecryption(context);
	const loadBetween = load();
	const n8n = await throughN8n(context, keys, token);
	return {
		figures: {
			handler_us_per_request: alone.handler,
			floor_us_per_request: alone.floor,
			file_decrypt_ms_per_mb: files.ours,
			n8n_p50_ms: n8n.p50,
			n8n_p90_ms: n8n.p90,
			n8n_p99_ms: n8n.p99,
			n8n_requests_per_s: n8n.rps,
			n8n_p50_ms_1_client: n8n.single.p50,
			n8n_p90_ms_1_client: n8n.single.p90,
			n8n_p99_ms_1_client: n8n.single.p99,
		},
		ratios: {
			handler_vs_floor: alone.handler / alone.floor,
			// an uploaded file: decryptFlowMedia vs the hashes, HMAC and AES-256-CBC written out
			file_decrypt_vs_floor: files.ours / files.floor,
			// n8n CPU per request: this package's trigger + respond vs n8n's Webhook + Respond to Webhook
			n8n_cpu_vs_plain_webhook: n8n.cpuPerRequest / n8n.plain.cpuPerRequest,
			// one client: this package's endpoint vs n8n's own Webhook → Switch → Respond to Webhook
			n8n_p90_1_client_vs_plain_webhook: n8n.single.p90 / n8n.singlePlain.p90,
		},
		notes: [
			'handler: signature + RSA-OAEP + AES-GCM decrypt + JSON + flow-token check + looking for uploaded files (none) + encrypted answer; floor: RSA-OAEP + AES-GCM decrypt + encrypt only; medians of alternating 100-request batches',
			`uploaded file: ${files.ours.toFixed(2)} ms per MB to verify and decrypt (floor ${files.floor.toFixed(2)} ms per MB); the download from the CDN comes on top`,
			`n8n: one main process (SQLite, executions saved${n8n.lazyIsolates ? ', N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true' : ', default expression engine settings'}), endpoint trigger → ${n8n.perRoute ? 'its outputs per route (no Switch)' : 'Switch'} → respond node; INIT and data_exchange alternating; requests encrypted before timing`,
			`n8n main process CPU time per request: ${n8n.cpuPerRequest.toFixed(1)} ms; plain Webhook → Switch → Respond to Webhook, same bodies, same n8n: ${n8n.plain.cpuPerRequest.toFixed(1)} ms (p50 ${n8n.plain.p50.toFixed(0)} ms, p90 ${n8n.plain.p90.toFixed(0)} ms, ${n8n.plain.rps.toFixed(1)} requests/s)`,
			`one client at a time: p50 ${n8n.single.p50.toFixed(0)} ms, p90 ${n8n.single.p90.toFixed(0)} ms; plain Webhook workflow p50 ${n8n.singlePlain.p50.toFixed(0)} ms, p90 ${n8n.singlePlain.p90.toFixed(0)} ms`,
			`machine load average (1/5/15 min): ${loadBefore} before, ${loadBetween} between the parts, ${load()} after; on a shared machine absolute times follow the load, the ratio less so`,
		],
	};
}
