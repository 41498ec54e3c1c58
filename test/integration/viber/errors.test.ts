import type { IDataObject } from 'n8n-workflow';

import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform } from '../../../simulator/platform';
import { refusingEgress } from '../../support/egress';
import { nodeFailure, nodeOutput, runNode, type RunNodeOptions } from '../../support/harness';

const TOKEN = 'viber-test-token-0001';
const RECEIVER = '01234567890A=';
const FAST_RETRY = { maxRetries: 3, retryDelayMs: 5 };

let platform: FakePlatform;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedViberTokens: [TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => {
	platform.reset();
	resetRateLimiters();
});

// Version 1 of the node, run alone through n8n-core's engine; item i carries { i }.
const viber = (parameters: IDataObject, extra: { items?: number; continueOnFail?: boolean; token?: string; baseUrl?: string } = {}): RunNodeOptions => ({
	type: 'chatflowViber',
	typeVersion: 1,
	parameters,
	input: Array.from({ length: extra.items ?? 1 }, (_, i) => ({ i })),
	continueOnFail: extra.continueOnFail,
	credentials: { chatflowViberApi: { authToken: extra.token ?? TOKEN, senderName: 'Bot', senderAvatar: '', baseUrl: extra.baseUrl ?? platform.url } },
});
const run = async (parameters: IDataObject, extra?: Parameters<typeof viber>[1]) => await nodeOutput(viber(parameters, extra));

const text = (extra: IDataObject = {}): IDataObject => ({
	resource: 'message',
	operation: 'send',
	receiver: RECEIVER,
	messageType: 'text',
	text: 'Hi',
	options: FAST_RETRY,
	...extra,
});

describe('Viber status codes', () => {
	it('status 12 (tooManyRequests) is retried with backoff and then succeeds', async () => {
		platform.once('POST', '/send_message', { json: { status: 12, status_message: 'tooManyRequests' } }, 2);
		const [item] = await run(text());
		const requests = platform.received('POST', '/send_message');
		expect(requests).toHaveLength(3);
		expect(requests[2].json).toEqual(requests[0].json);
		// Backoff: the retries did not go out back to back.
		expect(requests[1].receivedAt - requests[0].receivedAt).toBeGreaterThanOrEqual(3);
		expect(item.json.messageId).toMatch(/^\d+$/);
	});

	it('status 12 beyond the retries fails with the status name and a hint', async () => {
		platform.on('POST', '/send_message', { json: { status: 12, status_message: 'tooManyRequests' } });
		const error = await nodeFailure(viber(text()));
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Viber send_message failed with status 12 (tooManyRequests)');
		expect(error.description).toMatch(/throttled.*Gave up after 4 attempts/s);
		expect(platform.received('POST', '/send_message')).toHaveLength(4);
	});

	it.each([
		[5, 'receiverNotRegistered', 'receiverNotRegistered'],
		[6, 'receiverNotSubscribed', 'Not subscribed'],
		[10, 'webhookNotSet', 'webhookNotSet'],
		[3, 'badData', 'Bad receiver'],
	])('status %i (%s) is not retried and names the status', async (status, name, statusMessage) => {
		platform.on('POST', '/send_message', { json: { status, status_message: statusMessage } });
		const error = await nodeFailure(viber(text()));
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain(`status ${status} (${name})`);
		if (statusMessage !== name) expect(error.message).toContain(statusMessage);
		expect(platform.received('POST', '/send_message')).toHaveLength(1);
	});

	it('a wrong auth token gets status 2 from Viber and names the credential', async () => {
		const { error, run: recorded } = await runNode(viber({ resource: 'account', operation: 'getInfo', options: FAST_RETRY }, { token: 'wrong' }));
		expect(error?.message).toContain('status 2 (invalidAuthToken)');
		expect(error?.description).toContain('Chatflow Viber Bot API credential');
		expect(JSON.stringify(error)).not.toContain('wrong');
		expect(JSON.stringify(recorded.logs)).not.toContain('wrong');
	});

	it('continueOnFail keeps order, pairs items and adds the Viber status to the failed one', async () => {
		platform.on('POST', '/send_message', (request) =>
			(request.json as IDataObject).text === 'item 1' ? { json: { status: 6, status_message: 'notSubscribed' } } : { json: { status: 0, message_token: 1 } },
		);
		const output = await run(text({ text: '=item {{ $json.i }}', options: { ...FAST_RETRY, concurrency: 1 } }), { items: 3, continueOnFail: true });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.error).toBeUndefined();
		expect(output[1].json).toMatchObject({ viberStatus: 6, viberStatusName: 'receiverNotSubscribed' });
		expect(String(output[1].json.error)).toContain('status 6');
		expect(output[2].json.error).toBeUndefined();
	});
});

describe('limits are enforced before anything is sent', () => {
	it('an over-long text fails the item with the field name and sends nothing', async () => {
		const error = await nodeFailure(viber(text({ text: 'x'.repeat(7001) })));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('text: at most 7000 characters (got 7001)');
		expect(platform.requests).toHaveLength(0);
	});

	it('under continueOnFail only the bad item fails, with the field', async () => {
		const output = await run(text({ text: '={{ $json.i === 1 ? "" : "ok " + $json.i }}' }), { items: 3, continueOnFail: true });
		expect(output).toHaveLength(3);
		expect(output[1].json).toEqual({ error: 'text: is required', field: 'text' });
		expect(platform.received('POST', '/send_message').map((r) => (r.json as IDataObject).text)).toEqual(['ok 0', 'ok 2']);
	});

	it('a broadcast to 301 receivers is refused before sending', async () => {
		const receivers = Array.from({ length: 301 }, (_, i) => `user${i}`);
		const error = await nodeFailure(viber({ resource: 'message', operation: 'broadcast', receivers: receivers.join(','), messageType: 'text', text: 'x' }));
		expect(error.message).toBe('broadcast_list[300]: at most 300 allowed (got 301)');
		expect(platform.requests).toHaveLength(0);
	});

	it('a keyboard button with 7 columns names the button', async () => {
		const error = await nodeFailure(
			viber(text({ keyboardMode: 'fields', keyboardButtons: { button: [{ actionType: 'reply', text: 'A', actionBody: 'a', columns: 7, rows: 1 }] } })),
		);
		expect(error.message).toBe('keyboard.Buttons[0].Columns: must be between 1 and 6 (got 7)');
	});
});

describe('never retry what may have been delivered', () => {
	it('a send whose connection drops after the request is not repeated', async () => {
		platform.once('POST', '/send_message', { dropConnection: true });
		const error = await nodeFailure(viber(text()));
		expect(error.name).toBe('NodeApiError');
		expect(platform.received('POST', '/send_message')).toHaveLength(1);
	});

	it('a read (get_account_info) whose connection drops is retried', async () => {
		platform.once('POST', '/get_account_info', { dropConnection: true });
		const [item] = await run({ resource: 'account', operation: 'getInfo', options: FAST_RETRY });
		expect(item.json.status).toBe(0);
		expect(platform.received('POST', '/get_account_info')).toHaveLength(2);
	});

	it('a refused connection (nothing sent) is retried for sends, over the keep-alive layer', async () => {
		// Port 1 on loopback: nothing listens there, so the connection is refused (a freed
		// ephemeral port could be taken by a parallel test's server). The egress filter sees every
		// connection the layer opens to the IP literal.
		const url = 'http://127.0.0.1:1';
		const egressFilter = refusingEgress([]);
		const error = await nodeFailure({ ...viber(text({ options: { maxRetries: 1, retryDelayMs: 1 } }), { baseUrl: url }), egressFilter });
		// n8n words common network errors itself and keeps the original message beside it.
		expect(error.message).toMatch(/refused/i);
		expect((error as { messages?: string[] }).messages?.join(' ')).toContain('ECONNREFUSED');
		expect(egressFilter.checks.filter((check) => check === 'connect 127.0.0.1')).toHaveLength(2);
	});

	it('a refused connection (nothing sent) is retried for sends, through n8n\'s request helper', async () => {
		// An n8n without the egress-filter helper (1.x): every request goes through n8n's
		// httpRequestWithAuthentication.
		const url = 'http://127.0.0.1:1';
		const { error, sentThroughN8n } = await runNode({ ...viber(text({ options: { maxRetries: 1, retryDelayMs: 1 } }), { baseUrl: url }), egressFilter: false });
		expect(error?.message).toMatch(/refused|ECONNREFUSED/i);
		expect(sentThroughN8n.map((request) => request.url)).toEqual([`${url}/send_message`, `${url}/send_message`]);
	});
});

describe('rate limit', () => {
	it('holds the bot to Messages per Second across parallel items, output in input order', async () => {
		// Warm up with the same lanes at full speed (the first run of a test file loads the node's
		// modules), so that a run without a limiter would be quick; then the limiter starts afresh.
		await run(text({ text: '=w{{ $json.i }}', options: { ratePerSecond: 0, concurrency: 10 } }), { items: 10 });
		platform.reset();
		resetRateLimiters();
		// The platform stamps requests with this process's performance clock.
		const started = performance.now();
		const output = await run(text({ text: '=m{{ $json.i }}', options: { ratePerSecond: 20, concurrency: 10 } }), { items: 30 });
		expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: 30 }, (_, i) => ({ item: i })));
		const times = platform.received('POST', '/send_message').map((r) => r.receivedAt);
		expect(times).toHaveLength(30);
		// 20/s with the default burst of 2: the 30th send cannot start before (30 - 2) × 50 ms after
		// the run started. Counted from the start, not from the first arrival: on a busy machine
		// the first sends can arrive late and bunched, which says nothing about the limiter.
		expect(Math.max(...times) - started).toBeGreaterThanOrEqual(28 * 50 - 10);
	});
});

describe('status 12 slows the whole bot down', () => {
	it('holds back the other items until the backoff has passed', async () => {
		let throttledAt = 0;
		// m1, in the other lane, is answered only after m0's status 12 has had 50 ms to reach the
		// node: otherwise a slow machine could free m1's lane, and start m2, before the node knew.
		let m0Answered = (): void => undefined;
		const m0Throttled = new Promise<void>((resolve) => (m0Answered = resolve));
		platform.on('POST', '/send_message', async (request) => {
			const text = (request.json as IDataObject).text;
			if (text === 'm0' && throttledAt === 0) {
				throttledAt = request.receivedAt;
				setTimeout(m0Answered, 50);
				return { json: { status: 12, status_message: 'tooManyRequests' } };
			}
			if (text === 'm1') await m0Throttled;
			return { json: { status: 0, message_token: 7 } };
		});
		// Two lanes, a 200 ms backoff: m0 is throttled; m2 and m3 start only after the pause.
		await run(text({ text: '=m{{ $json.i }}', options: { concurrency: 2, maxRetries: 2, retryDelayMs: 200 } }), { items: 4 });
		const byText = new Map(platform.received('POST', '/send_message').map((r) => [(r.json as IDataObject).text as string, r.receivedAt]));
		expect(byText.get('m2')! - throttledAt).toBeGreaterThanOrEqual(140);
		expect(byText.get('m3')! - throttledAt).toBeGreaterThanOrEqual(140);
		expect(platform.received('POST', '/send_message')).toHaveLength(5);
	});
});
