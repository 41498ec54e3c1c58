import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform, type RecordedRequest } from '../../../simulator/platform';
import { nodeOutput } from '../../support/harness';
import { PHONE_ID, TOKEN, whatsAppNode } from '../whatsapp/runNode';

/**
 * Connection reuse through the HTTP layer, counted by the fake platform: a run opens at most as
 * many connections as the node's concurrency, later runs reuse them, and a server that closes
 * idle connections without saying so loses and doubles nothing.
 */
describe('keep-alive connections', () => {
	const deliveries = new Map<string, number>();
	const answer = (request: RecordedRequest) => {
		const to = (request.json as { to: string }).to;
		deliveries.set(to, (deliveries.get(to) ?? 0) + 1);
		return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.${to}` }] } };
	};
	const items = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ({ json: { to: `${prefix}${String(i).padStart(6, '0')}` } }));
	// Through n8n-core's engine, with its own egress filter (SSRF protection off), run after run.
	const send = async (platform: FakePlatform, batch: ReturnType<typeof items>, concurrency: number) => {
		resetRateLimiters();
		return await nodeOutput(
			whatsAppNode(platform, { resource: 'message', operation: 'sendText', to: '={{ $json.to }}', text: 'hi', throughput: { messagesPerSecond: 0, concurrency } }, { input: batch }),
		);
	};
	const exactlyOnce = (batch: ReturnType<typeof items>) => batch.every((item) => deliveries.get(item.json.to) === 1);

	beforeEach(() => deliveries.clear());

	it('sends 1,000 messages over no more connections than the concurrency, and reuses them in the next run', async () => {
		const platform = await FakePlatform.start({ acceptedTokens: [TOKEN], latencyMs: 2 });
		try {
			platform.on('POST', `/:v/${PHONE_ID}/messages`, answer);
			const first = items('4915', 1000);
			const output = await send(platform, first, 20);
			expect(output.every((item) => item.json.messageId)).toBe(true);
			expect(exactlyOnce(first)).toBe(true);
			expect(platform.stats.connections).toBeGreaterThan(0);
			expect(platform.stats.connections).toBeLessThanOrEqual(20);
			const opened = platform.stats.connections;
			const second = items('4916', 200);
			await send(platform, second, 20);
			expect(exactlyOnce(second)).toBe(true);
			expect(platform.stats.connections).toBe(opened);
		} finally {
			await platform.close();
		}
	});

	it('loses and doubles nothing when the server closes idle connections without announcing it', async () => {
		const platform = await FakePlatform.start({ acceptedTokens: [TOKEN], closeIdleAfterMs: 150 });
		try {
			platform.on('POST', `/:v/${PHONE_ID}/messages`, answer);
			const all: ReturnType<typeof items> = [];
			const wave = async (index: number) => {
				const batch = items(`49${20 + index}`, 30);
				all.push(...batch);
				const output = await send(platform, batch, 5);
				expect(output.map((item) => item.json.error)).toEqual(batch.map(() => undefined));
			};
			const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

			// The server closes the five idle connections once; the pool measures how long they lasted.
			await wave(0);
			await pause(400);
			expect(platform.stats.idleCloses).toBe(5);
			// From then on the pool retires idle connections before the server would: pauses just
			// under, at and over the server's idle time never meet a connection it is closing.
			for (const [index, ms] of [140, 150, 160, 60, 300].entries()) {
				await wave(index + 1);
				await pause(ms);
			}
			await wave(6);
			expect(exactlyOnce(all)).toBe(true);
			expect(platform.stats.idleCloses).toBe(5);
			// At most one new connection per lane and wave: no request needed a second connection.
			expect(platform.stats.connections).toBeLessThanOrEqual(5 * 7);
		} finally {
			await platform.close();
		}
	});
});
