import { GraphApiError, GraphClient } from '../../../nodes/shared/graph';
import { FakePlatform } from '../../../simulator/platform';
import { refusingEgress, type EgressLayer } from '../../support/egress';
import { nodeContext } from '../../support/harness';

/**
 * n8n's outbound rules (the egress filter n8n gives nodes) hold for every request of the HTTP
 * layer: the pre-flight URL check, the connect-time lookup, the check of IP literals no lookup
 * sees, and every redirect. Each layer is proven on its own by letting the others pass. A
 * refusal is final, names the cause, and nothing reaches the server.
 */
const TOKEN = 'EAAG-egress-token';

describe('n8n egress rules in the HTTP layer', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
	});
	afterAll(async () => await platform.close());
	beforeEach(() => platform.reset());

	const client = async (baseUrl: string, blocked: string[], layers?: EgressLayer[]) => {
		const egressFilter = refusingEgress(blocked, layers);
		const { context } = await nodeContext({
			credentials: { chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: 'WABA', phoneNumberId: '111', apiVersion: 'v26.0', baseUrl } },
			egressFilter,
		});
		return { graph: await GraphClient.create(context, 'chatflowWhatsAppApi', { retry: { baseDelayMs: 1 } }), egressFilter };
	};
	const send = async (graph: GraphClient) =>
		(await graph.request({ method: 'POST', path: '/111/messages', body: { messaging_product: 'whatsapp', to: '1555', type: 'text', text: { body: 'hi' } } }).catch((error: unknown) => error)) as GraphApiError;

	it('checks the target before connecting, once per origin and run', async () => {
		const { graph, egressFilter } = await client(platform.url, []);
		await graph.request({ method: 'GET', path: '/WABA' }).catch(() => undefined);
		await graph.request({ method: 'GET', path: '/WABA' }).catch(() => undefined);
		expect(egressFilter.checks.filter((check) => check.startsWith('url '))).toEqual(['url 127.0.0.1']);
	});

	it.each([
		['the pre-flight URL check', ['url'] as EgressLayer[], byAddress],
		['the connection guard for IP literals', ['connect'] as EgressLayer[], byAddress],
		['the connect-time lookup', ['lookup'] as EgressLayer[], byName],
	])('refuses a forbidden target at %s, finally and with n8n\'s explanation', async (_, layers, baseUrlOf) => {
		const { graph } = await client(baseUrlOf(platform), ['127.0.0.1', 'localhost'], layers);
		const error = await send(graph);
		expect(error).toBeInstanceOf(GraphApiError);
		expect(error.graph.network_code).toBe('EGRESS_REFUSED');
		expect(error.message).toContain("Refused by n8n's outbound network rules");
		expect(error.message).toContain('restricted IP address');
		expect(error.description).toContain('Server-Side Request Forgery');
		expect(error.attempts).toBe(1);
		expect(platform.requests).toHaveLength(0);
	});

	it('is not retried even for a read', async () => {
		const { graph, egressFilter } = await client(platform.url, ['127.0.0.1'], ['connect']);
		const error = (await graph.request({ method: 'GET', path: '/WABA' }).catch((e: unknown) => e)) as GraphApiError;
		expect(error.attempts).toBe(1);
		expect(egressFilter.checks.filter((check) => check.startsWith('connect '))).toHaveLength(1);
	});

	it('checks every redirect of a download, and refuses a forbidden one', async () => {
		platform.on('GET', '/files/a', { status: 302, headers: { location: `${byName(platform)}/files/b` } });
		platform.on('GET', '/files/b', { body: 'file bytes' });
		const { graph } = await client(platform.url, ['localhost'], ['redirect']);
		const error = (await graph.download({ method: 'GET', path: `${platform.url}/files/a` }).catch((e: unknown) => e)) as GraphApiError;
		expect(error.graph.network_code).toBe('EGRESS_REFUSED');
		expect(platform.received('GET', '/files/b')).toHaveLength(0);
	});

	it('follows an allowed redirect, and keeps the token to the origin it was meant for', async () => {
		platform.on('GET', '/files/a', { status: 302, headers: { location: `${byName(platform)}/files/b` } });
		platform.on('GET', '/files/same', { status: 307, headers: { location: '/files/b' } });
		platform.on('GET', '/files/b', { body: 'file bytes' });
		const { graph } = await client(platform.url, []);
		const crossOrigin = await graph.download({ method: 'GET', path: `${platform.url}/files/a` });
		expect(crossOrigin.data.toString()).toBe('file bytes');
		const sameOrigin = await graph.download({ method: 'GET', path: `${platform.url}/files/same` });
		expect(sameOrigin.data.toString()).toBe('file bytes');
		const [first, second, third, fourth] = platform.requests;
		expect(first.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(second.headers.authorization).toBeUndefined();
		expect(third.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(fourth.headers.authorization).toBe(`Bearer ${TOKEN}`);
	});
});

function byAddress(platform: FakePlatform): string {
	return platform.url;
}

function byName(platform: FakePlatform): string {
	return platform.url.replace('127.0.0.1', 'localhost');
}
