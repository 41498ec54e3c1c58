import type { IDataObject } from 'n8n-workflow';

import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform, graphError } from '../../../simulator/platform';
import { nodeFailure, nodeOutput, runNode, type RunNodeOptions } from '../../support/harness';

const TOKEN = 'page-token-errors';
const PAGE = '105954558954427';
const PATH = `/v26.0/${PAGE}/messages`;

let platform: FakePlatform;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => {
	platform.reset();
	resetRateLimiters();
});

// Version 1 of the node, run alone through n8n-core's engine; item i carries { i }.
const messenger = (parameters: IDataObject, extra: { items?: number; continueOnFail?: boolean; token?: string } = {}): RunNodeOptions => ({
	type: 'chatflowMessenger',
	typeVersion: 1,
	parameters,
	input: Array.from({ length: extra.items ?? 1 }, (_, i) => ({ i })),
	continueOnFail: extra.continueOnFail,
	credentials: { chatflowMessengerApi: { pageId: PAGE, accessToken: extra.token ?? TOKEN, apiVersion: 'v26.0', baseUrl: platform.url } },
});
const run = async (parameters: IDataObject, extra?: Parameters<typeof messenger>[1]) => await nodeOutput(messenger(parameters, extra));

const text = (value = 'Hi', options: IDataObject = {}): IDataObject => ({
	resource: 'message',
	operation: 'send',
	recipientId: 'PSID1',
	messageType: 'text',
	text: value,
	options: { retryDelayMs: 2, maxRetries: 3, ...options },
});

describe('Graph errors on the Messenger Send API', () => {
	it.each([
		[4, 'application request limit'],
		[613, 'calls exceeded the rate'],
		[1200, 'Temporary send message failure'],
		[2, 'service temporarily unavailable'],
	])('code %i is retried and then succeeds', async (code, message) => {
		platform.once('POST', PATH, graphError(code, message), 2);
		const [item] = await run(text());
		expect(platform.received('POST', PATH)).toHaveLength(3);
		expect(item.json.messageId).toMatch(/^m_/);
	});

	it.each([
		[551, 'This person isn\'t available right now.', 400],
		[10, 'This message is sent outside of allowed window.', 400],
		[200, 'Requires pages_messaging permission', 403],
	])('code %i is final: one request, NodeApiError naming the code and fbtrace_id', async (code, message, status) => {
		platform.on('POST', PATH, graphError(code, message, status));
		const error = await nodeFailure(messenger(text()));
		expect(error.name).toBe('GraphApiError');
		expect(error.message).toContain(`Graph API error ${code}`);
		expect(error.description).toMatch(/fbtrace_id: A/);
		expect(platform.received('POST', PATH)).toHaveLength(1);
	});

	it('an invalid token (190) fails without retry and without leaking the token', async () => {
		const { error, run: recorded } = await runNode(messenger(text(), { token: 'expired-token' }));
		expect(error?.message).toContain('Graph API error 190');
		expect(platform.received('POST', PATH)).toHaveLength(1);
		expect(JSON.stringify(error)).not.toContain('expired-token');
		expect(JSON.stringify(recorded.run.data.resultData)).not.toContain('expired-token');
		expect(JSON.stringify(recorded.logs)).not.toContain('expired-token');
	});

	it('a dropped connection after sending is not repeated (the message may have been delivered)', async () => {
		platform.once('POST', PATH, { dropConnection: true });
		await nodeFailure(messenger(text()));
		expect(platform.received('POST', PATH)).toHaveLength(1);
	});

	it('continueOnFail: the failed item carries Meta\'s code; the others are sent, in order', async () => {
		platform.on('POST', PATH, (request) =>
			((request.json as IDataObject).message as IDataObject).text === 'item 1' ? graphError(551, 'unavailable') : { json: { recipient_id: 'PSID1', message_id: 'm_ok' } },
		);
		const output = await run(text('=item {{ $json.i }}', { concurrency: 3 }), { items: 3, continueOnFail: true });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.messageId).toBe('m_ok');
		expect(output[1].json).toMatchObject({ error: expect.stringContaining('551'), errorDetails: { code: 551 } });
		expect(output[2].json.messageId).toBe('m_ok');
	});

	it('limits fail the item before sending, naming the field', async () => {
		// n8n itself refuses a 14th quick reply (the parameter allows 13) before the node runs.
		const fourteen = { reply: Array.from({ length: 14 }, (_, i) => ({ contentType: 'text', title: `Q${i}`, payload: `q${i}` })) };
		await expect(run({ ...text(), quickReplies: fourteen }, { continueOnFail: true })).rejects.toThrow('At most 13 fields are allowed');
		const longTitle = { reply: [{ contentType: 'text', title: '=Q{{ "x".repeat(20) }}', payload: 'q' }] };
		const output = await run({ ...text(), quickReplies: longTitle }, { continueOnFail: true });
		expect(output[0].json).toEqual({ error: 'message.quick_replies[0].title: at most 20 characters (got 21)', field: 'message.quick_replies[0].title' });
		expect(platform.requests).toHaveLength(0);
	});
});
