/**
 * Child process of bench/transport.bench.ts: sends N WhatsApp text sends to the fake Graph API
 * with `concurrency` in flight and prints one JSON line: seconds, CPU ms per request, peak RSS.
 *
 *   mode "per-request": a new https.Agent for every request, as n8n's request helper builds one
 *     (@n8n/backend-network buildNodeAgents), with the one TLS context the package shares;
 *   mode "keep-alive": one keep-alive agent for the whole run (a bare client);
 *   mode "layer": the package's own client, GraphClient over its HTTP layer (compiled, from the
 *     private package folder given as 6th argument), with a pass-through egress filter as n8n
 *     hands out when SSRF protection is off: authentication from the credential, the limiter-free
 *     retry loop, JSON parsing and error mapping included. Its graph.facebook.com resolves to the
 *     fake through bench/support/dns-preload.cjs.
 *
 * Every mode first sends WARM_UP requests (7th argument) over connections it then closes, so the
 * measured run has its code compiled (as in a long-running n8n) but still opens its own
 * connections. Every mode also loads the package (and with it n8n-workflow, tens of MB of heap):
 * garbage collection then works on the same heap in every mode, as it would inside n8n, instead
 * of the layer's process alone paying for a larger one.
 *
 * Plain CommonJS so that the process measures the client and nothing else (no tsx, no loader).
 */
'use strict';
const dns = require('node:dns');
const https = require('node:https');
const path = require('node:path');
const tls = require('node:tls');

const [address, n, concurrency, mode, token, packageDir, warmUpCount] = process.argv.slice(2);
const total = Number(n);
const WARM_UP = Number(warmUpCount);
const secureContext = tls.createSecureContext(); // default trust store + NODE_EXTRA_CA_CERTS
const keepAliveAgent = () => new https.Agent({ keepAlive: true, maxSockets: Number(concurrency), secureContext });
let shared = keepAliveAgent();

function message(index) {
	return { messaging_product: 'whatsapp', recipient_type: 'individual', to: String(4915000000000 + index), type: 'text', text: { body: `Hello R${index}`, preview_url: false } };
}

function bareSend(index) {
	const body = JSON.stringify(message(index));
	const agent = mode === 'keep-alive' ? shared : new https.Agent({ secureContext, servername: 'graph.facebook.com' });
	return new Promise((resolve, reject) => {
		const request = https.request(
			{
				host: address, port: 443, servername: 'graph.facebook.com', method: 'POST', path: '/v26.0/106540352242922/messages', agent,
				headers: { host: 'graph.facebook.com', authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
			},
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

/** GraphClient over the layer; each call gets its own egress filter object, and so its own pools. */
async function layerSender() {
	const { GraphClient } = require(path.join(packageDir, 'dist', 'nodes', 'shared', 'graph'));
	const ok = { ok: true, result: undefined };
	const egressFilter = { validateUrl: async () => ok, validateConnectionHost: () => ok, createSecureLookup: () => dns.lookup, validateRedirectSync: () => {} };
	const node = { id: 'bench', name: 'Send', type: 'n8n-nodes-chatflow.chatflowWhatsApp', typeVersion: 1, position: [0, 0], parameters: {} };
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({ accessToken: token, businessAccountId: '102290129340398', phoneNumberId: '106540352242922', apiVersion: 'v26.0', baseUrl: 'https://graph.facebook.com' }),
		helpers: {
			getSecureEgressFilter: () => egressFilter,
			httpRequestWithAuthentication: async () => {
				throw new Error('the layer must not fall back in this benchmark');
			},
		},
	};
	const graph = await GraphClient.create(ctx, 'chatflowWhatsAppApi', { concurrency: Number(concurrency) });
	const send = async (index) => {
		await graph.request({ method: 'POST', path: '/106540352242922/messages', body: message(index) });
	};
	send.close = () => require(path.join(packageDir, 'dist', 'nodes', 'shared', 'http')).destroyAgents(egressFilter);
	return send;
}

function bareSender() {
	const send = (index) => bareSend(index);
	send.close = () => {
		shared.destroy();
		shared = keepAliveAgent();
	};
	return send;
}

async function run(send, count) {
	let next = 0;
	await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
		while (next < count) await send(next++);
	}));
}

(async () => {
	require(path.join(packageDir, 'dist', 'nodes', 'shared', 'graph'));
	const sender = () => (mode === 'layer' ? layerSender() : bareSender());
	const warmUp = await sender();
	await run(warmUp, WARM_UP);
	warmUp.close();
	const send = await sender();
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	await run(send, total);
	const seconds = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	send.close();
	process.stdout.write(`${JSON.stringify({ seconds, cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / total, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
	process.exit(0);
})().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
