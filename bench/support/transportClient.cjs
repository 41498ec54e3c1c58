/**
 * Child process of bench/transport.bench.ts: sends N WhatsApp text sends to the fake Graph API
 * with `concurrency` in flight and prints one JSON line: seconds, CPU ms per request, peak RSS.
 *
 *   mode "per-request": a new https.Agent for every request, as n8n's request helper builds one
 *     (@n8n/backend-network buildNodeAgents), with the one TLS context the package shares;
 *   mode "keep-alive": one keep-alive agent for the whole run.
 *
 * Plain CommonJS so that the process measures the client and nothing else (no tsx, no loader).
 */
'use strict';
const https = require('node:https');
const tls = require('node:tls');

const [address, n, concurrency, mode, token] = process.argv.slice(2);
const total = Number(n);
const secureContext = tls.createSecureContext(); // default trust store + NODE_EXTRA_CA_CERTS
const shared = new https.Agent({ keepAlive: true, maxSockets: Number(concurrency), secureContext });

function send(index) {
	const body = JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: String(4915000000000 + index), type: 'text', text: { body: `Hello R${index}`, preview_url: false } });
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

(async () => {
	let next = 0;
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
		while (next < total) await send(next++);
	}));
	const seconds = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	shared.destroy();
	process.stdout.write(`${JSON.stringify({ seconds, cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / total, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
})().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
