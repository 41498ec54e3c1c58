import { FakePlatform, graphError } from '../../../simulator/platform';
import { GraphApiError, GraphClient } from '../../../nodes/shared/graph';
import { RateLimiter } from '../../../nodes/shared/concurrency';
import { nodeContext } from '../../support/harness';

const TOKEN = 'EAAG-test-token';
const fast = { baseDelayMs: 5, maxDelayMs: 40 };

describe('GraphClient over real HTTP (FakePlatform)', () => {
	let platform: FakePlatform;
	let client: GraphClient;

	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
	});
	afterAll(async () => platform.close());
	beforeEach(async () => {
		platform.reset();
		const { context } = await nodeContext({
			credentials: { chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: 'WABA', phoneNumberId: '111', apiVersion: 'v26.0', baseUrl: platform.url } },
		});
		client = await GraphClient.create(context, 'chatflowWhatsAppApi', { retry: fast });
	});

	const send = () =>
		client.request<{ messages: Array<{ id: string }> }>({
			method: 'POST',
			path: '/111/messages',
			body: { messaging_product: 'whatsapp', to: '15550001', type: 'text', text: { body: 'hi' } },
		});

	it('builds the URL from the credential and authenticates with its token', async () => {
		const answer = await send();
		expect(answer.messages[0].id).toMatch(/^wamid\./);
		const [request] = platform.received('POST', '/v26.0/111/messages');
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.body.toString()).toBe('{"messaging_product":"whatsapp","to":"15550001","type":"text","text":{"body":"hi"}}');
	});

	it.each([4, 613, 80007, 130429, 131056, 131057, 1, 2, 131000, 131016])('retries Graph error %i, then succeeds', async (code) => {
		platform.once('POST', '/:v/111/messages', graphError(code, `(#${code}) try later`), 2);
		const answer = await send();
		expect(answer.messages).toHaveLength(1);
		expect(platform.received('POST', '/:v/111/messages')).toHaveLength(3);
	});

	it.each([131047, 131026, 131048, 131049, 131050, 132000, 132001, 131030, 131052, 131053, 190, 10, 200, 368, 131031, 132068, 132069])(
		'fails at once on Graph error %i with code and fbtrace_id',
		async (code) => {
			platform.once('POST', '/:v/111/messages', graphError(code, `(#${code}) no`, 400, { error_subcode: 33, error_data: { details: 'why' } }));
			const error = (await send().catch((e: unknown) => e)) as GraphApiError;
			expect(error).toBeInstanceOf(GraphApiError);
			expect(error.graph.code).toBe(code);
			expect(error.graph.error_subcode).toBe(33);
			expect(error.graph.fbtrace_id).toMatch(/^A/);
			expect(error.description).toContain(`fbtrace_id: ${error.graph.fbtrace_id}`);
			expect(error.description).toContain('Details: why');
			expect(error.attempts).toBe(1);
			expect(platform.received('POST', '/:v/111/messages')).toHaveLength(1);
		},
	);

	it('does not repeat a send after a 5xx without a Graph error or a dropped connection', async () => {
		platform.once('POST', '/:v/111/messages', { status: 502, body: '<html>Bad gateway</html>' });
		await expect(send()).rejects.toThrow('Graph API answered HTTP 502: <html>Bad gateway</html>');
		platform.once('POST', '/:v/111/messages', { dropConnection: true });
		const error = (await send().catch((e: unknown) => e)) as GraphApiError;
		expect(error.graph.network_code).toBe('ECONNRESET');
		expect(platform.received('POST', '/:v/111/messages')).toHaveLength(2);
	});

	it('retries an idempotent GET after a 5xx and a dropped connection', async () => {
		// later routes take precedence: the 503 comes first, then the drop, then the answer
		platform.on('GET', '/:v/WABA', { json: { id: 'WABA', name: 'Acme' } });
		platform.once('GET', '/:v/WABA', { dropConnection: true });
		platform.once('GET', '/:v/WABA', { status: 503, body: '' });
		expect(await client.request({ method: 'GET', path: '/WABA' })).toEqual({ id: 'WABA', name: 'Acme' });
		expect(platform.received('GET', '/:v/WABA')).toHaveLength(3);
	});

	it('turns empty and malformed 200 answers into clear errors, without retrying a send', async () => {
		platform.once('POST', '/:v/111/messages', { status: 200, body: '' });
		await expect(send()).rejects.toThrow('Graph API answered HTTP 200 with an empty body (expected JSON)');
		platform.once('POST', '/:v/111/messages', { status: 200, body: '{"messages": [' });
		await expect(send()).rejects.toThrow('Graph API answered HTTP 200 with a body that is not a JSON object: {"messages": [');
		expect(platform.received('POST', '/:v/111/messages')).toHaveLength(2);
	});

	it('honours Retry-After and gives up when the hint is too long', async () => {
		platform.once('POST', '/:v/111/messages', { ...graphError(4, 'limit'), headers: { 'retry-after': '0.15' } });
		const started = Date.now();
		await send();
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		platform.once('POST', '/:v/111/messages', { ...graphError(80007, 'limit'), headers: { 'retry-after': '3600' } });
		await expect(send()).rejects.toThrow('Graph API error 80007');
	});

	it('gives up after maxRetries with the last error', async () => {
		platform.on('POST', '/:v/111/messages', graphError(131000, 'broken'));
		const error = (await send().catch((e: unknown) => e)) as GraphApiError;
		expect(error.graph.code).toBe(131000);
		expect(error.attempts).toBe(7);
		expect(error.description).toContain('Gave up after 7 attempts.');
	});

	it('rejects a bad token with error 190', async () => {
		const { context } = await nodeContext({ credentials: { chatflowWhatsAppApi: { accessToken: 'wrong', apiVersion: 'v26.0', baseUrl: platform.url } } });
		const bad = await GraphClient.create(context, 'chatflowWhatsAppApi', { retry: fast });
		await expect(bad.request({ method: 'GET', path: '/WABA' })).rejects.toThrow('Graph API error 190');
	});

	it('uploads multipart bytes and downloads binary with the token', async () => {
		platform.on('POST', '/:v/111/media', { json: { id: 'M1' } });
		platform.on('GET', '/files/:name', (request) => ({
			headers: { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="pic.png"' },
			body: request.headers.authorization === `Bearer ${TOKEN}` ? Buffer.from([137, 80, 78, 71, 0, 255]) : 'no',
		}));
		const file = Buffer.from([137, 80, 78, 71, 0, 255]);
		const uploaded = await client.request({
			method: 'POST',
			path: '/111/media',
			multipart: { fields: { messaging_product: 'whatsapp' }, files: [{ field: 'file', data: file, fileName: 'pic.png', mimeType: 'image/png' }] },
		});
		expect(uploaded).toEqual({ id: 'M1' });
		const [upload] = platform.received('POST', '/:v/111/media');
		expect(String(upload.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload.body.includes(file)).toBe(true);
		const downloaded = await client.download({ method: 'GET', path: `${platform.url}/files/pic` });
		expect(downloaded.data.equals(file)).toBe(true);
		expect(downloaded.mimeType).toBe('image/png');
		expect(downloaded.fileName).toBe('pic.png');
	});

	it('acquires the limiter before every attempt and pauses it on 130429', async () => {
		const limiter = new RateLimiter({ ratePerSecond: 1000, burst: 100 });
		const pause = jest.spyOn(limiter, 'pause');
		platform.once('POST', '/:v/111/messages', graphError(130429, 'throughput'));
		await client.request({ method: 'POST', path: '/111/messages', body: { messaging_product: 'whatsapp', to: '1', type: 'text', text: { body: 'x' } }, limiter });
		expect(pause).toHaveBeenCalledTimes(1);
	});
});
