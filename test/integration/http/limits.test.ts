import { Readable } from 'node:stream';

import { GraphApiError, GraphClient } from '../../../nodes/shared/graph';
import { PlatformHttp, TransportFailure } from '../../../nodes/shared/http';
import { FakePlatform } from '../../../simulator/platform';
import { ensureEngine, nodeContext } from '../../support/harness';

/** Timeouts, answer-size limits and cancellation of the HTTP layer, on real HTTP. */
const TOKEN = 'EAAG-limits-token';
const credentials = (baseUrl: string) => ({ chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: 'WABA', phoneNumberId: '111', apiVersion: 'v26.0', baseUrl } });

describe('HTTP layer limits', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
	});
	afterAll(async () => await platform.close());
	beforeEach(() => platform.reset());

	const graph = async (extra: { cancelSignal?: AbortSignal } = {}) =>
		await GraphClient.create((await nodeContext({ credentials: credentials(platform.url), ...extra })).context, 'chatflowWhatsAppApi', { retry: { baseDelayMs: 1 } });
	const send = (client: GraphClient, timeoutMs?: number) =>
		client.request({ method: 'POST', path: '/111/messages', body: { messaging_product: 'whatsapp', to: '1', type: 'text', text: { body: 'hi' } }, timeoutMs });

	it('times a send out and does not repeat it (it may have been delivered)', async () => {
		platform.on('POST', '/:v/111/messages', { delayMs: 3_000, json: { messages: [{ id: 'late' }] } });
		const error = (await send(await graph(), 500).catch((e: unknown) => e)) as GraphApiError;
		expect(error.graph.network_code).toBe('ETIMEDOUT');
		expect(error.graph.message).toBe('No complete answer within 500 ms');
		expect(error.attempts).toBe(1);
		// The server got it (the answer was what was missing), once.
		expect(await platform.waitFor('POST', '/:v/111/messages', 1)).toHaveLength(1);
	});

	it('retries a read that timed out', async () => {
		platform.on('GET', '/:v/WABA', { json: { id: 'WABA' } });
		platform.once('GET', '/:v/WABA', { delayMs: 3_000, json: { id: 'late' } });
		const client = await graph();
		expect(await client.request({ method: 'GET', path: '/WABA', timeoutMs: 500 })).toEqual({ id: 'WABA' });
		expect(platform.received('GET', '/:v/WABA')).toHaveLength(2);
	});

	it('cancels the request in flight when the execution is stopped, and retries nothing', async () => {
		platform.on('GET', '/:v/WABA', { delayMs: 2_000, json: { id: 'WABA' } });
		const stop = new AbortController();
		const client = await graph({ cancelSignal: stop.signal });
		const pending = client.request({ method: 'GET', path: '/WABA' }).catch((e: unknown) => e);
		await platform.waitFor('GET', '/:v/WABA', 1);
		stop.abort();
		const error = (await pending) as GraphApiError;
		expect(error.graph.network_code).toBe('ECANCELED');
		expect(error.attempts).toBe(1);
		expect(platform.received('GET', '/:v/WABA')).toHaveLength(1);
	});

	it('stops waiting to retry when the execution is stopped', async () => {
		platform.on('POST', '/:v/111/messages', { status: 400, json: { error: { code: 130429, message: 'throughput' } } });
		const stop = new AbortController();
		const { context } = await nodeContext({ credentials: credentials(platform.url), cancelSignal: stop.signal });
		const client = await GraphClient.create(context, 'chatflowWhatsAppApi', { retry: { baseDelayMs: 5_000 } });
		const pending = send(client).catch((e: unknown) => e);
		await platform.waitFor('POST', '/:v/111/messages', 1);
		// The refusal is answered at once; the client then waits 2.5 s or more before the retry.
		await new Promise((resolve) => setTimeout(resolve, 300));
		stop.abort();
		const error = (await pending) as GraphApiError;
		expect(error.graph.code).toBe(130429);
		expect(error.description).toContain('The execution was stopped while waiting to retry.');
		expect(platform.received('POST', '/:v/111/messages')).toHaveLength(1);
	});

	it.each([
		['announced in Content-Length', { body: 'x'.repeat(5_000) }],
		['streamed without a length', { body: 'x'.repeat(5_000), headers: { 'transfer-encoding': 'chunked' } }],
	])('cuts off an answer larger than the limit (%s)', async (_, answer) => {
		platform.on('GET', '/big', answer);
		const { context } = await nodeContext({ credentials: credentials(platform.url) });
		const http = PlatformHttp.open(context, 'chatflowWhatsAppApi', credentials(platform.url).chatflowWhatsAppApi);
		const error = await http.send({ method: 'GET', url: `${platform.url}/big`, timeoutMs: 5_000, maxResponseBytes: 1_000 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TransportFailure);
		expect((error as TransportFailure).code).toBe('E_RESPONSE_TOO_LARGE');
		const small = await http.send({ method: 'GET', url: `${platform.url}/big`, timeoutMs: 5_000, maxResponseBytes: 5_000 });
		expect(small.body.length).toBe(5_000);
	});

	it('falls back to n8n\'s request helper where n8n has no egress filter, and says so once', async () => {
		const { logger } = await ensureEngine();
		const first = await nodeContext({ credentials: credentials(platform.url), egressFilter: false });
		const second = await nodeContext({ credentials: credentials(platform.url), egressFilter: false });
		logger.drain();
		await send(await GraphClient.create(first.context, 'chatflowWhatsAppApi'));
		await send(await GraphClient.create(second.context, 'chatflowWhatsAppApi'));
		expect(first.sentThroughN8n).toHaveLength(1);
		expect(second.sentThroughN8n).toHaveLength(1);
		expect(platform.received('POST', '/:v/111/messages')).toHaveLength(2);
		// The only fallback in this test file (jest gives each file its own modules): said exactly once.
		const logged = logger.drain();
		const warnings = logged.filter((entry) => entry.level === 'warn').map((entry) => entry.message);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain('no egress filter');
		expect(JSON.stringify(logged)).not.toContain(TOKEN);
	});

	it('fails an upload whose stored file is shorter than its metadata says, once, without leaving the server waiting', async () => {
		platform.on('POST', '/:v/111/media', { json: { id: 'M1' } });
		const file = { size: 10, open: async () => Readable.from([Buffer.from('12345')]) };
		const client = await graph();
		const request = { method: 'POST' as const, path: '/111/media', idempotent: true, multipart: { fields: {}, files: [{ field: 'file', data: file, fileName: 'a.bin', mimeType: 'application/octet-stream' }] } };
		const error = (await client.request(request).catch((e: unknown) => e)) as GraphApiError;
		expect(error.graph.network_code).toBe('E_UPLOAD_SOURCE');
		expect(error.graph.message).toBe('The file to upload ends after 5 bytes, not the 10 bytes its metadata gives');
		expect(error.attempts).toBe(1);
		expect(platform.received('POST', '/:v/111/media')).toHaveLength(0);
	});
});
