import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ChatflowViber } from '../../../nodes/Viber/ChatflowViber.node';
import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform } from '../../../simulator/platform';
import { refusingEgress } from '../../support/egress';
import { createViberContext } from './viberContext';

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

async function run(parameters: IDataObject | ((i: number) => IDataObject), extra: { items?: number; continueOnFail?: boolean; token?: string } = {}) {
	const context = createViberContext({
		parameters,
		credentials: { authToken: extra.token ?? TOKEN, senderName: 'Bot', senderAvatar: '', baseUrl: platform.url },
		items: Array.from({ length: extra.items ?? 1 }, (_, i) => ({ json: { i } })),
		continueOnFail: extra.continueOnFail,
	});
	const [output] = await new ChatflowViber().execute.call(context);
	return output;
}

const text = (extra: IDataObject = {}): IDataObject => ({
	resource: 'message',
	operation: 'send',
	receiver: RECEIVER,
	messageType: 'text',
	text: 'Hi',
	options: FAST_RETRY,
	...extra,
});

async function failure(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the node to fail');
}

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
		const error = await failure(run(text()));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Viber send_message failed with status 12 (tooManyRequests)');
		expect((error as NodeApiError).description).toMatch(/throttled.*Gave up after 4 attempts/s);
		expect(platform.received('POST', '/send_message')).toHaveLength(4);
	});

	it.each([
		[5, 'receiverNotRegistered', 'receiverNotRegistered'],
		[6, 'receiverNotSubscribed', 'Not subscribed'],
		[10, 'webhookNotSet', 'webhookNotSet'],
		[3, 'badData', 'Bad receiver'],
	])('status %i (%s) is not retried and names the status', async (status, name, statusMessage) => {
		platform.on('POST', '/send_message', { json: { status, status_message: statusMessage } });
		const error = await failure(run(text()));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain(`status ${status} (${name})`);
		if (statusMessage !== name) expect(error.message).toContain(statusMessage);
		expect(platform.received('POST', '/send_message')).toHaveLength(1);
	});

	it('a wrong auth token gets status 2 from Viber and names the credential', async () => {
		const error = await failure(run({ resource: 'account', operation: 'getInfo', options: FAST_RETRY }, { token: 'wrong' }));
		expect(error.message).toContain('status 2 (invalidAuthToken)');
		expect((error as NodeApiError).description).toContain('Chatflow Viber Bot API credential');
		expect(JSON.stringify(error)).not.toContain(TOKEN);
	});

	it('continueOnFail keeps order, pairs items and adds the Viber status to the failed one', async () => {
		platform.on('POST', '/send_message', (request) =>
			(request.json as IDataObject).text === 'item 1' ? { json: { status: 6, status_message: 'notSubscribed' } } : { json: { status: 0, message_token: 1 } },
		);
		const output = await run((i) => text({ text: `item ${i}`, options: { ...FAST_RETRY, concurrency: 1 } }), { items: 3, continueOnFail: true });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.error).toBeUndefined();
		expect(output[1].json).toMatchObject({ viberStatus: 6, viberStatusName: 'receiverNotSubscribed' });
		expect(String(output[1].json.error)).toContain('status 6');
		expect(output[2].json.error).toBeUndefined();
	});
});

describe('limits are enforced before anything is sent', () => {
	it('an over-long text fails the item with the field name and sends nothing', async () => {
		const error = await failure(run(text({ text: 'x'.repeat(7001) })));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('text: at most 7000 characters (got 7001)');
		expect(platform.requests).toHaveLength(0);
	});

	it('under continueOnFail only the bad item fails, with the field', async () => {
		const output = await run((i) => text({ text: i === 1 ? '' : `ok ${i}` }), { items: 3, continueOnFail: true });
		expect(output).toHaveLength(3);
		expect(output[1].json).toEqual({ error: 'text: is required', field: 'text' });
		expect(platform.received('POST', '/send_message').map((r) => (r.json as IDataObject).text)).toEqual(['ok 0', 'ok 2']);
	});

	it('a broadcast to 301 receivers is refused before sending', async () => {
		const receivers = Array.from({ length: 301 }, (_, i) => `user${i}`);
		const error = await failure(run({ resource: 'message', operation: 'broadcast', receivers, messageType: 'text', text: 'x' }));
		expect(error.message).toBe('broadcast_list[300]: at most 300 allowed (got 301)');
		expect(platform.requests).toHaveLength(0);
	});

	it('a keyboard button with 7 columns names the button', async () => {
		const error = await failure(
			run(text({ keyboardMode: 'fields', keyboardButtons: { button: [{ actionType: 'reply', text: 'A', actionBody: 'a', columns: 7, rows: 1 }] } })),
		);
		expect(error.message).toBe('keyboard.Buttons[0].Columns: must be between 1 and 6 (got 7)');
	});
});

describe('never retry what may have been delivered', () => {
	it('a send whose connection drops after the request is not repeated', async () => {
		platform.once('POST', '/send_message', { dropConnection: true });
		const error = await failure(run(text()));
		expect(error).toBeInstanceOf(NodeApiError);
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
		const context = createViberContext({
			parameters: text({ options: { maxRetries: 1, retryDelayMs: 1 } }),
			credentials: { authToken: TOKEN, senderName: 'Bot', baseUrl: url },
			egressFilter,
		});
		const error = (await failure(new ChatflowViber().execute.call(context))) as NodeApiError;
		// n8n words common network errors itself and keeps the original message beside it.
		expect(error.message).toMatch(/refused/i);
		expect(error.messages.join(' ')).toContain('ECONNREFUSED');
		expect(egressFilter.checks.filter((check) => check === 'connect 127.0.0.1')).toHaveLength(2);
	});

	it('a refused connection (nothing sent) is retried for sends, through n8n\'s request helper', async () => {
		const url = 'http://127.0.0.1:1';
		const context = createViberContext({
			parameters: text({ options: { maxRetries: 1, retryDelayMs: 1 } }),
			credentials: { authToken: TOKEN, senderName: 'Bot', baseUrl: url },
			egressFilter: false,
		});
		const sent: string[] = [];
		const original = context.helpers.httpRequestWithAuthentication;
		context.helpers.httpRequestWithAuthentication = async function (this: unknown, type: string, request) {
			sent.push(String(request.url));
			return await original.call(context, type, request);
		};
		const error = await failure(new ChatflowViber().execute.call(context));
		expect(error.message).toMatch(/refused|ECONNREFUSED/i);
		expect(sent).toEqual([`${url}/send_message`, `${url}/send_message`]);
	});
});

describe('rate limit', () => {
	it('holds the bot to Messages per Second across parallel items, output in input order', async () => {
		const startedAt = performance.now();
		const started = Date.now();
		const output = await run((i) => text({ text: `m${i}`, options: { ratePerSecond: 20, concurrency: 10 } }), { items: 10 });
		const elapsed = Date.now() - started;
		expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: 10 }, (_, i) => ({ item: i })));
		const times = platform.received('POST', '/send_message').map((r) => r.receivedAt).sort((a, b) => a - b);
		// 20/s with the default burst of 2: the k-th send (from 0) cannot leave before (k + 1 - 2) × 50 ms
		// after the run started. Measured from the start, a busy machine can only make sends later.
		times.forEach((time, k) => expect(time - startedAt).toBeGreaterThanOrEqual(Math.max(0, (k + 1 - 2) * 50) - 5));
		expect(elapsed).toBeLessThan(10_000);
	});
});

describe('status 12 slows the whole bot down', () => {
	it('holds back the other items until the backoff has passed', async () => {
		let throttledAt = 0;
		platform.on('POST', '/send_message', (request) => {
			if ((request.json as IDataObject).text === 'm0' && throttledAt === 0) {
				throttledAt = request.receivedAt;
				return { json: { status: 12, status_message: 'tooManyRequests' } };
			}
			return { json: { status: 0, message_token: 7 } };
		});
		// Two lanes, a 200 ms backoff: m0 is throttled; m2 and m3 start only after the pause.
		await run((i) => text({ text: `m${i}`, options: { concurrency: 2, maxRetries: 2, retryDelayMs: 200 } }), { items: 4 });
		const byText = new Map(platform.received('POST', '/send_message').map((r) => [(r.json as IDataObject).text as string, r.receivedAt]));
		expect(byText.get('m2')! - throttledAt).toBeGreaterThanOrEqual(140);
		expect(byText.get('m3')! - throttledAt).toBeGreaterThanOrEqual(140);
		expect(platform.received('POST', '/send_message')).toHaveLength(5);
	});
});
