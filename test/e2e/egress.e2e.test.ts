/**
 * The HTTP layer inside a real n8n's egress rules (this suite starts its own n8n; the shared one
 * of the global set-up runs without SSRF protection and proxy):
 *
 * - n8n's SSRF protection is on (N8N_SSRF_PROTECTION_ENABLED, default blocked ranges: loopback,
 *   private, link-local, ...), with `localhost` allowed by name. The fake platform is reached as
 *   https://localhost:<port>; the same server as https://127.0.0.1:<port>, and the cloud metadata
 *   address, are refused with n8n's own error, and nothing reaches the server or the proxy.
 * - HTTPS_PROXY points at a real forward proxy on loopback that counts CONNECTs; NO_PROXY names
 *   the second fake, which is reached directly.
 * - Connections are reused: the fake counts TLS handshakes, and a 2,000-message run opens no more
 *   than the node's concurrency, plus the idle connections the fake itself closed.
 * - A fake that closes idle keep-alive connections without announcing it loses and doubles nothing.
 *   It is a server of its own (`idleClosing`), so the test starts on an origin whose pool no
 *   earlier test left connections in: those could sit idle just as long as the server allows
 *   when the first wave goes out, before the pool could learn the server's idle time.
 * - The access token is in no log line and no execution.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createTestCertificates, type TestCertificates } from '../support/testCa';
import { N8nApi } from '../../scripts/n8n/api';
import { fanOutWorkflow } from '../../scripts/n8n/fanOutWorkflow';
import { N8nInstance, freePort } from '../../scripts/n8n/instance';
import { FakePlatform, type RecordedRequest } from '../../simulator/platform';
import { ForwardProxy } from '../support/forwardProxy';
import { nodeType } from './support/n8n';

jest.setTimeout(300_000);

const TOKEN = `EAAG-egress-e2e-${randomUUID()}`;
const PHONE_ID = '106540352242922';
const CONCURRENCY = 20;

let certificates: TestCertificates;
let proxied: FakePlatform;
let direct: FakePlatform;
let idleClosing: FakePlatform;
let proxy: ForwardProxy;
let n8n: N8nInstance;
let api: N8nApi;
let userFolder: string;
const deliveries = new Map<string, number>();

/** One workflow per base URL: Webhook (answers with every output item) → Split Out → Chatflow WhatsApp. */
async function sender(baseUrl: string): Promise<(recipients: string[]) => Promise<Array<Record<string, unknown>>>> {
	const credential = await api.createCredential('chatflowWhatsAppApi', `egress ${baseUrl}`, {
		accessToken: TOKEN,
		businessAccountId: '102290129340398',
		phoneNumberId: PHONE_ID,
		apiVersion: 'v26.0',
		baseUrl,
	});
	const webhookId = randomUUID();
	await api.createWorkflow(
		fanOutWorkflow(
			`egress e2e ${baseUrl}`,
			webhookId,
			{
				type: nodeType('chatflowWhatsApp'),
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'message',
					operation: 'sendText',
					phoneNumberId: { __rl: true, mode: 'id', value: PHONE_ID },
					to: '={{ $json.to }}',
					text: 'hello',
					previewUrl: false,
					throughput: { messagesPerSecond: 0, concurrency: CONCURRENCY },
				},
				credentials: { chatflowWhatsAppApi: { id: credential.id, name: credential.name } },
			},
			{ responseData: 'allEntries' },
		),
		{ webhooks: [{ path: webhookId }] },
	);
	return async (recipients) => {
		const response = await fetch(`${n8n.url}/webhook/${webhookId}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ recipients: recipients.map((to) => ({ to })) }),
		});
		expect(response.status).toBe(200);
		const body = (await response.json()) as Array<Record<string, unknown>> | Record<string, unknown>;
		return Array.isArray(body) ? body : [body];
	};
}

const recipients = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(6, '0')}`);
const deliveredOnce = (list: string[]) => list.every((to) => deliveries.get(to) === 1);

beforeAll(async () => {
	certificates = createTestCertificates(['localhost'], ['127.0.0.1']);
	const answer = (request: RecordedRequest) => {
		const to = (request.json as { to: string }).to;
		deliveries.set(to, (deliveries.get(to) ?? 0) + 1);
		return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.${to}` }] } };
	};
	const tls = { key: certificates.key, cert: certificates.cert };
	proxied = await FakePlatform.start({ tls, acceptedTokens: [TOKEN], latencyMs: 5 });
	direct = await FakePlatform.start({ tls, acceptedTokens: [TOKEN], latencyMs: 5, closeIdleAfterMs: 400 });
	idleClosing = await FakePlatform.start({ tls, acceptedTokens: [TOKEN], latencyMs: 5, closeIdleAfterMs: 400 });
	for (const fake of [proxied, direct, idleClosing]) fake.on('POST', `/:v/${PHONE_ID}/messages`, answer);
	proxy = await ForwardProxy.start();

	userFolder = mkdtempSync(join(tmpdir(), 'chatflow-egress-e2e-'));
	const packageDir = process.env.CHATFLOW_E2E_PACKAGE;
	if (!packageDir) throw new Error('CHATFLOW_E2E_PACKAGE is not set: run e2e with "npm run test:e2e"');
	n8n = await N8nInstance.start({
		userFolder,
		port: await freePort(),
		packageDir,
		env: {
			NODE_EXTRA_CA_CERTS: certificates.caFile,
			N8N_SSRF_PROTECTION_ENABLED: 'true',
			N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost',
			HTTPS_PROXY: proxy.url,
			NO_PROXY: `localhost:${direct.port},localhost:${idleClosing.port}`,
			N8N_LOG_LEVEL: 'debug',
		},
	});
	await n8n.waitUntilReady();
	api = await N8nApi.connect(n8n.url);
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await proxy?.close();
	await proxied?.close();
	await direct?.close();
	await idleClosing?.close();
	certificates?.dispose();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
});

beforeEach(() => deliveries.clear());

it('sends through the proxy from HTTPS_PROXY, over kept-alive tunnels', async () => {
	const send = await sender(`https://localhost:${proxied.port}`);
	const list = recipients('4911', 200);
	const items = await send(list);
	expect(items.map((item) => item.error)).toEqual(list.map(() => undefined));
	expect(deliveredOnce(list)).toBe(true);
	const tunnels = proxy.connectsTo(`localhost:${proxied.port}`);
	expect(tunnels).toBeGreaterThan(0);
	expect(tunnels).toBeLessThanOrEqual(CONCURRENCY);
	expect(proxied.stats.tlsHandshakes).toBe(tunnels);
});

it('goes direct to a host in NO_PROXY, and a 2,000-message run opens no more connections than the concurrency', async () => {
	const send = await sender(`https://localhost:${direct.port}`);
	direct.resetStats();
	const list = recipients('4912', 2000);
	const items = await send(list);
	expect(items.filter((item) => item.error)).toEqual([]);
	expect(items).toHaveLength(2000);
	expect(deliveredOnce(list)).toBe(true);
	expect(proxy.connectsTo(`localhost:${direct.port}`)).toBe(0);
	expect(direct.stats.tlsHandshakes).toBeGreaterThan(0);
	expect(direct.stats.tlsHandshakes).toBeLessThanOrEqual(CONCURRENCY + direct.stats.idleCloses);
});

it('loses and doubles nothing when the server closes idle connections without announcing it', async () => {
	const send = await sender(`https://localhost:${idleClosing.port}`);
	const all: string[] = [];
	for (const [wave, pauseMs] of [900, 380, 400, 420, 100, 0].entries()) {
		const list = recipients(`49${20 + wave}`, 60);
		all.push(...list);
		const items = await send(list);
		expect(items.filter((item) => item.error)).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, pauseMs));
	}
	expect(proxy.connectsTo(`localhost:${idleClosing.port}`)).toBe(0);
	expect(idleClosing.stats.idleCloses).toBeGreaterThan(0);
	expect(deliveredOnce(all)).toBe(true);
});

it.each([
	['the same server by its loopback address', () => `https://127.0.0.1:${direct.port}`],
	['the cloud metadata address', () => 'https://169.254.169.254'],
])('refuses %s with n8n\'s SSRF error; nothing reaches the server or the proxy', async (_, baseUrl) => {
	const send = await sender(baseUrl());
	const connectsBefore = proxy.totalConnects;
	const requestsBefore = direct.requests.length;
	const [item] = await send(['4913000001']);
	expect(String(item.error)).toContain("Refused by n8n's outbound network rules");
	expect(String(item.error)).toContain('restricted IP address');
	expect(JSON.stringify(item.errorDetails)).toContain('Server-Side Request Forgery');
	expect(proxy.totalConnects).toBe(connectsBefore);
	expect(direct.requests.length).toBe(requestsBefore);
});

it('keeps the token out of the log and the executions, and never falls back to the request helper', async () => {
	const logs = n8n.logs();
	expect(logs).not.toContain(TOKEN);
	expect(logs).not.toContain('go through httpRequestWithAuthentication');
	const workflows = await api.request<{ data: Array<{ id: string }> }>('GET', '/workflows');
	for (const { id } of workflows.data) {
		for (const execution of await api.executions(id)) expect(JSON.stringify(execution)).not.toContain(TOKEN);
	}
});
