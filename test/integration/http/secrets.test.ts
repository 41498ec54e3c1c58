import { GraphClient } from '../../../nodes/shared/graph';
import { FakePlatform } from '../../../simulator/platform';
import { refusingEgress } from '../../support/egress';
import { nodeContext } from '../../support/harness';

/**
 * The Meta app credential authenticates with `access_token=<app id>|<app secret>` in the query
 * string, the one place a secret travels in a URL. Whatever fails, the error n8n shows and
 * stores (message, description, JSON) must not carry it.
 */
const APP_SECRET = 'app-secret-0123456789abcdef';

describe('secrets in failures of the HTTP layer', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start();
	});
	afterAll(async () => await platform.close());
	beforeEach(() => platform.reset());

	const app = async (baseUrl: string, egressFilter = refusingEgress([])) =>
		await GraphClient.create(
			(await nodeContext({ credentials: { chatflowMetaAppApi: { appId: '1234', appSecret: APP_SECRET, verifyToken: 'v', apiVersion: 'v26.0', baseUrl } }, egressFilter })).context,
			'chatflowMetaAppApi',
			{ retry: { maxRetries: 0 } },
		);
	const failureText = (error: unknown) => {
		const e = error as { message: string; description?: string; messages?: string[] };
		return [e.message, e.description, ...(e.messages ?? []), JSON.stringify(error)].join('\n');
	};

	it('sends the app token in the query, as the credential defines', async () => {
		platform.on('GET', '/:v/1234/subscriptions', { json: { data: [] } });
		await (await app(platform.url)).request({ method: 'GET', path: '/1234/subscriptions' });
		expect(platform.received('GET', '/:v/1234/subscriptions')[0].query.access_token).toBe(`1234|${APP_SECRET}`);
	});

	it.each([
		['a platform error', async () => {
			platform.on('GET', '/:v/1234/subscriptions', { status: 500, body: 'upstream broke' });
			return await app(platform.url);
		}],
		['a timeout', async () => {
			platform.on('GET', '/:v/1234/subscriptions', { delayMs: 300, json: {} });
			return await app(platform.url);
		}],
		['a refused connection', async () => await app('http://127.0.0.1:1')],
		['a refusal by n8n\'s outbound rules', async () => await app(platform.url, refusingEgress(['127.0.0.1']))],
	])('keeps the secret out of %s', async (_, open) => {
		const client = await open();
		const error = await client.request({ method: 'GET', path: '/1234/subscriptions', timeoutMs: 100 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect(failureText(error)).not.toContain(APP_SECRET);
	});
});
