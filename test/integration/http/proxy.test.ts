import type { NodeEgressFilter } from 'n8n-workflow';

import { GraphClient } from '../../../nodes/shared/graph';
import { FakePlatform } from '../../../simulator/platform';
import { refusingEgress } from '../../support/egress';
import { nodeContext } from '../../support/harness';
import { ForwardProxy } from '../../support/forwardProxy';

/**
 * HTTP_PROXY / NO_PROXY from the environment, through a real forward proxy on loopback that
 * counts what it forwards. (HTTPS through CONNECT tunnels is proven in the real n8n, whose
 * process trusts the fake's test CA: test/e2e/egress.e2e.test.ts.)
 */
const TOKEN = 'EAAG-proxy-token';
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];

describe('proxy settings from the environment', () => {
	let platform: FakePlatform;
	let proxy: ForwardProxy;
	const saved: Record<string, string | undefined> = {};

	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
		proxy = await ForwardProxy.start();
		for (const name of PROXY_VARIABLES) saved[name] = process.env[name];
	});
	afterAll(async () => {
		for (const name of PROXY_VARIABLES) {
			if (saved[name] === undefined) delete process.env[name];
			else process.env[name] = saved[name];
		}
		await proxy.close();
		await platform.close();
	});
	beforeEach(() => {
		for (const name of PROXY_VARIABLES) delete process.env[name];
		platform.reset();
		proxy.forwarded.clear();
	});

	// Without a filter given: n8n-core's own (SSRF protection off).
	const graphAt = async (baseUrl: string, egressFilter?: NodeEgressFilter) => {
		const { context } = await nodeContext({
			credentials: { chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: 'WABA', phoneNumberId: '111', apiVersion: 'v26.0', baseUrl } },
			egressFilter,
		});
		return await GraphClient.create(context, 'chatflowWhatsAppApi', { retry: { maxRetries: 0 } });
	};
	const send = async (graph: GraphClient, to: string) =>
		await graph.request<{ messages: Array<{ id: string }> }>({ method: 'POST', path: '/111/messages', body: { messaging_product: 'whatsapp', to, type: 'text', text: { body: 'hi' } } });
	const target = () => `127.0.0.1:${platform.port}`;

	it('sends through HTTP_PROXY, with the credential', async () => {
		process.env.HTTP_PROXY = proxy.url;
		const graph = await graphAt(platform.url);
		for (const to of ['1', '2', '3']) expect((await send(graph, to)).messages).toHaveLength(1);
		expect(proxy.forwarded.get(target())).toBe(3);
		expect(platform.received('POST', '/:v/111/messages').map((request) => request.headers.authorization)).toEqual(Array(3).fill(`Bearer ${TOKEN}`));
	});

	it('goes direct for hosts in NO_PROXY', async () => {
		process.env.HTTP_PROXY = proxy.url;
		process.env.NO_PROXY = `localhost,${target()}`;
		const graph = await graphAt(platform.url);
		await send(graph, '1');
		expect(proxy.forwarded.size).toBe(0);
		expect(platform.received('POST', '/:v/111/messages')).toHaveLength(1);
	});

	it('goes direct when no proxy is set', async () => {
		await send(await graphAt(platform.url), '1');
		expect(proxy.forwarded.size).toBe(0);
		expect(platform.received('POST', '/:v/111/messages')).toHaveLength(1);
	});

	it('still checks a proxied target against n8n\'s rules (the proxy resolves it, so the pre-flight check must)', async () => {
		process.env.HTTP_PROXY = proxy.url;
		const graph = await graphAt(platform.url, refusingEgress(['127.0.0.1'], ['url']));
		await expect(send(graph, '1')).rejects.toThrow("Refused by n8n's outbound network rules");
		expect(proxy.forwarded.size).toBe(0);
		expect(platform.requests).toHaveLength(0);
	});
});
