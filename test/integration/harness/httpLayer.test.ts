import { SsrfProtectionConfig } from '@n8n/config';
import { Container } from '@n8n/di';

import { FakePlatform, type RecordedRequest } from '../../../simulator/platform';
import { loadWorkflowFixture, runWorkflow } from '../../support/harness';
import { PHONE_ID, TOKEN, WABA_ID } from '../whatsapp/runNode';
import { serveTemplates } from '../whatsapp/templateFixtures';

/**
 * The HTTP layer inside n8n-core's real engine: the egress filter comes from n8n-core's own
 * `helpers.getSecureEgressFilter()` (@n8n/backend-network), so the keep-alive pools are used
 * (no fallback), connections carry over from one execution to the next, and switching on n8n's
 * SSRF protection (N8N_SSRF_PROTECTION_ENABLED, whose default ranges block loopback) refuses
 * the loopback fake with n8n's own error.
 */
const NODE = 'Send order update';

describe('the HTTP layer under n8n-core', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN], latencyMs: 2 });
		serveTemplates(platform);
		platform.on('POST', `/:v/${PHONE_ID}/messages`, (request: RecordedRequest) => {
			const to = (request.json as { to: string }).to;
			return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.${to}` }] } };
		});
	});
	afterAll(async () => platform.close());

	const run = async () =>
		await runWorkflow({
			workflow: loadWorkflowFixture('whatsapp-send-template'),
			credentials: { chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: WABA_ID, phoneNumberId: PHONE_ID, apiVersion: 'v26.0', baseUrl: platform.url } },
			input: Array.from({ length: 6 }, (_, i) => ({ phone: `+1 555 000 000${i}`, name: `Name${i}`, total: 10 + i, date: `May ${i + 1}`, order: `A-${i}` })),
		});

	it('uses its own keep-alive pools with n8n-core\'s egress filter, across executions', async () => {
		const first = await run();
		expect(first.status).toBe('success');
		expect(first.output(NODE).map((item) => item.messageId)).toHaveLength(6);
		expect(first.logs.map((entry) => entry.message).join('\n')).not.toContain('go through httpRequestWithAuthentication');
		const opened = platform.stats.connections;
		expect(opened).toBeGreaterThan(0);
		expect(opened).toBeLessThanOrEqual(6);
		const second = await run();
		expect(second.status).toBe('success');
		expect(platform.stats.connections).toBe(opened);
	});

	it('is refused by n8n\'s SSRF protection when the instance switches it on', async () => {
		const ssrf = Container.get(SsrfProtectionConfig);
		ssrf.enabled = true;
		try {
			const received = platform.requests.length;
			const result = await run();
			const items = result.output(NODE);
			const failure = result.error?.message ?? String(items[0]?.error);
			expect(failure).toContain('restricted IP address');
			expect(platform.requests.length).toBe(received);
		} finally {
			ssrf.enabled = false;
		}
	});
});
