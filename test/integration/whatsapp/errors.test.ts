import type { IDataObject } from 'n8n-workflow';

import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform, graphError, type RecordedRequest } from '../../../simulator/platform';
import { nodeFailure, nodeOutput, runNode } from '../../support/harness';
import { PHONE_ID, sentBodies, TOKEN, whatsAppNode } from './runNode';

const text = (to: string, body: string) => ({
	resource: 'message',
	operation: 'sendText',
	to,
	text: body,
	previewUrl: false,
	throughput: { messagesPerSecond: 0, concurrency: 8 },
});

describe('Chatflow WhatsApp: failures per item', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
	});
	afterAll(async () => platform.close());
	beforeEach(() => {
		platform.reset();
		resetRateLimiters();
	});

	it('continueOnFail: failed items carry the error, code and fbtrace_id; order and pairing kept; hint for 131047', async () => {
		platform.on('POST', `/:v/${PHONE_ID}/messages`, (request: RecordedRequest) => {
			const to = (request.json as { to: string }).to;
			if (to === '4915000000002') return graphError(131047, 'Re-engagement message', 400, { error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' } });
			if (to === '4915000000004') return graphError(131026, 'Message undeliverable');
			return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.${to}` }] } };
		});
		const items = Array.from({ length: 6 }, (_, i) => ({ phone: `491500000000${i}`, i }));
		const { items: output, hints } = await runNode(whatsAppNode(platform, text('=+{{ $json.phone }}', '=m{{ $json.i }}'), { input: items, continueOnFail: true }));
		expect(output.map((o) => o.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(output.map((o) => o.json.messageId ?? null)).toEqual(['wamid.4915000000000', 'wamid.4915000000001', null, 'wamid.4915000000003', null, 'wamid.4915000000005']);
		const failed = output[2].json;
		expect(failed.error).toBe('Graph API error 131047: Re-engagement message');
		expect((failed.errorDetails as IDataObject).code).toBe(131047);
		expect(String((failed.errorDetails as IDataObject).fbtrace_id)).toMatch(/^A/);
		expect(String((failed.errorDetails as IDataObject).description)).toContain('Send a template');
		expect((output[4].json.errorDetails as IDataObject).code).toBe(131026);
		expect(hints).toHaveLength(1);
		expect(hints[0].message).toContain('1 item(s) failed with error 131047');
		// nothing was retried: one request per item
		expect(sentBodies(platform)).toHaveLength(6);
	});

	it('without continueOnFail the first failed item stops the node with a NodeApiError naming code and fbtrace_id', async () => {
		platform.once('POST', `/:v/${PHONE_ID}/messages`, graphError(131030, 'Recipient phone number not in allowed list'));
		const error = await nodeFailure(whatsAppNode(platform, text('15550001111', 'hi')));
		expect(error.name).toBe('GraphApiError');
		expect(error.message).toBe('Graph API error 131030: Recipient phone number not in allowed list');
		const { fbtrace_id } = (error as unknown as { graph: { fbtrace_id: string } }).graph;
		expect(fbtrace_id).toMatch(/^A/);
		expect(error.description).toContain(`fbtrace_id: ${fbtrace_id}`);
		expect(error.description).toContain('allowed list');
		expect(error.context.itemIndex).toBe(0);
	});

	it('a field error names the field and sends nothing', async () => {
		const parameters = {
			resource: 'message',
			operation: 'sendButtons',
			to: '15550001111',
			headerType: 'none',
			body: 'Pick',
			buttons: { button: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }, { id: 'c', title: 'C' }, { id: 'd', title: 'D' }] },
		};
		expect((await nodeFailure(whatsAppNode(platform, parameters))).message).toBe('interactive.action.buttons[3]: at most 3 allowed (got 4)');
		const long = { ...parameters, buttons: { button: [{ id: 'a', title: 'A title that is far too long' }] } };
		expect((await nodeFailure(whatsAppNode(platform, long))).message).toBe('interactive.action.buttons[0].title: at most 20 characters (got 28)');
		expect(sentBodies(platform)).toEqual([]);
	});

	it.each([
		['an empty 200', { status: 200, body: '' }, 'Graph API answered HTTP 200 with an empty body (expected JSON)'],
		['HTML instead of JSON', { status: 200, body: '<html>proxy</html>' }, 'Graph API answered HTTP 200 with a body that is not a JSON object: <html>proxy</html>'],
		['JSON without a message id', { status: 200, json: { messaging_product: 'whatsapp', contacts: [] } }, 'WhatsApp accepted the request but its answer has no message id'],
		['a 500 without a Graph error', { status: 500, body: 'upstream failed' }, 'Graph API answered HTTP 500: upstream failed'],
	])('%s gives a clear error and is not resent', async (_name, response, message) => {
		platform.on('POST', `/:v/${PHONE_ID}/messages`, response);
		expect((await nodeFailure(whatsAppNode(platform, text('15550001111', 'hi')))).message).toContain(message);
		expect(sentBodies(platform)).toHaveLength(1);
	});

	it('a retryable code is retried by the node and the item succeeds once', async () => {
		platform.once('POST', `/:v/${PHONE_ID}/messages`, graphError(131000, 'Something went wrong'), 1);
		const output = await nodeOutput(whatsAppNode(platform, text('15550001111', 'hi')));
		expect(output[0].json.messageId).toMatch(/^wamid\./);
		const bodies = sentBodies(platform);
		expect(bodies).toHaveLength(2); // the refused attempt and the accepted one
		expect(bodies[1]).toBe(bodies[0]);
	}, 15_000);

	it('a missing sender number is a clear field error', async () => {
		const error = await nodeFailure(whatsAppNode(platform, text('15550001111', 'x'), { credentials: { phoneNumberId: '' } }));
		expect(error.message).toContain('phoneNumberId: choose the sender phone number, or set "Default Phone Number ID" in the credential');
	});
});
