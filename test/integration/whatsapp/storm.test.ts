import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform, graphError, type RecordedRequest } from '../../../simulator/platform';
import { nodeOutput } from '../../support/harness';
import { PHONE_ID, TOKEN, whatsAppNode } from './runNode';

/**
 * A 130429 storm: the platform accepts at most 20 messages per 100 ms (200/s) while the node is
 * told it may send 1,000/s. Every message must arrive exactly once and every item succeed.
 */
describe('Chatflow WhatsApp: 130429 storm', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN], latencyMs: 5 });
	});
	afterAll(async () => platform.close());

	it('absorbs throughput errors with no lost and no duplicated message', async () => {
		const accepted: number[] = [];
		const deliveredTo = new Map<string, number>();
		let refused = 0;
		platform.on('POST', `/:v/${PHONE_ID}/messages`, (request: RecordedRequest) => {
			const now = request.receivedAt;
			while (accepted.length && now - accepted[0] > 100) accepted.shift();
			if (accepted.length >= 20) {
				refused++;
				return graphError(130429, '(#130429) Rate limit hit');
			}
			accepted.push(now);
			const to = (request.json as { to: string }).to;
			deliveredTo.set(to, (deliveredTo.get(to) ?? 0) + 1);
			return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.${to}` }] } };
		});
		const count = 300;
		const items = Array.from({ length: count }, (_, i) => ({ json: { to: String(4917000000000 + i), i } }));
		resetRateLimiters();
		const output = await nodeOutput(
			whatsAppNode(
				platform,
				{ resource: 'message', operation: 'sendText', to: '={{ $json.to }}', text: '=hello {{ $json.i }}', throughput: { messagesPerSecond: 1000, concurrency: 50 } },
				{ input: items },
			),
		);
		expect(refused).toBeGreaterThan(0); // the storm happened
		expect(output).toHaveLength(count);
		expect(output.map((o) => o.json.messageId)).toEqual(items.map((item) => `wamid.${item.json.to}`));
		expect(deliveredTo.size).toBe(count); // none lost
		expect([...deliveredTo.values()].every((times) => times === 1)).toBe(true); // none duplicated
	}, 60_000);
});
