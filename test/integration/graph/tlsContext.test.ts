import { createServer, request, Agent, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

import { createTestCertificates, type TestCertificates } from '../../support/testCa';
import { GraphClient } from '../../../nodes/shared/graph';
import { sharedSecureContext } from '../../../nodes/shared/http';
import { FakePlatform } from '../../../simulator/platform';
import { nodeContext } from '../../support/harness';

// Platform connections use one TLS context, in the keep-alive pools and when the layer falls back
// to n8n's request helper (which builds a new agent per request): the context must be shared,
// and must not weaken certificate verification.
describe('shared TLS context of Graph API requests', () => {
	let certificates: TestCertificates;
	let server: Server;
	let port: number;

	beforeAll(async () => {
		certificates = createTestCertificates(['localhost'], ['127.0.0.1']);
		server = createServer({ key: certificates.key, cert: certificates.cert }, (_, response) => response.end('{"ok":true}'));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as AddressInfo).port;
	});
	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
		certificates.dispose();
	});

	const get = async (agent: Agent) =>
		await new Promise<string>((resolve, reject) => {
			const outgoing = request({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
				response.resume();
				response.on('end', () => resolve(String(response.statusCode)));
			});
			outgoing.on('error', reject);
			outgoing.end();
		});

	it('is one context for the whole process', () => {
		expect(sharedSecureContext()).toBe(sharedSecureContext());
	});

	it('still rejects a certificate from a CA the process does not trust', async () => {
		const error = (await get(new Agent({ secureContext: sharedSecureContext() })).catch((e: unknown) => e)) as NodeJS.ErrnoException;
		expect(error.code).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT/);
	});

	it('is what GraphClient passes to n8n for every request when n8n has no egress filter', async () => {
		const platform = await FakePlatform.start({ acceptedTokens: ['EAAG-tls'] });
		try {
			const { context, sentThroughN8n } = await nodeContext({
				credentials: { chatflowWhatsAppApi: { accessToken: 'EAAG-tls', businessAccountId: 'WABA', phoneNumberId: '111', apiVersion: 'v26.0', baseUrl: platform.url } },
				egressFilter: false,
			});
			const client = await GraphClient.create(context, 'chatflowWhatsAppApi');
			for (let i = 0; i < 2; i++) await client.request({ method: 'POST', path: '/111/messages', body: { messaging_product: 'whatsapp', to: `1555000${i}`, type: 'text', text: { body: 'hi' } } });
			expect(sentThroughN8n).toHaveLength(2);
			expect(platform.received('POST', '/:v/111/messages')).toHaveLength(2);
			for (const sent of sentThroughN8n) expect(sent.agentOptions?.secureContext).toBe(sharedSecureContext());
		} finally {
			await platform.close();
		}
	});
});
