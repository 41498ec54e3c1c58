import { ChatflowMessengerTrigger } from '../../../nodes/MessengerTrigger/ChatflowMessengerTrigger.node';
import { ChatflowWhatsAppTrigger } from '../../../nodes/WhatsAppTrigger/ChatflowWhatsAppTrigger.node';
import { FakePlatform } from '../../../simulator/platform';
import { createWebhookContext } from '../../support/webhookContext';
import { fixtureBytes, signatureHeaders, TEST_APP_SECRET } from '../../support/webhookFixtures';

let platform: FakePlatform;
beforeAll(async () => (platform = await FakePlatform.start()));
afterAll(async () => await platform.close());
beforeEach(() => platform.reset());

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 0xff, 0xd9]);
const metaApp = () => ({ appId: '1', appSecret: TEST_APP_SECRET, verifyToken: 'v', apiVersion: 'v26.0', baseUrl: platform.url });

function delivery(body: Buffer, credentials: Record<string, object>, parameters: object) {
	return createWebhookContext({
		rawBody: body,
		headers: { 'content-type': 'application/json', ...signatureHeaders('whatsapp', body) },
		credentials: credentials as never,
		parameters: parameters as never,
		workflowId: `media-${Math.random()}`,
	});
}

describe('media download into binary', () => {
	it('downloads WhatsApp media with the token in two calls (lookup, then the URL)', async () => {
		platform.on('GET', '/v26.0/1003383421387256', () => ({
			json: { url: `${platform.url}/whatsapp/media/abc?ext=1`, mime_type: 'image/jpeg', sha256: 'x', file_size: JPEG.length, id: '1003383421387256' },
		}));
		platform.on('GET', '/whatsapp/media/abc', () => ({ body: JPEG, headers: { 'content-type': 'image/jpeg' } }));
		const ctx = delivery(
			fixtureBytes('whatsapp', 'image'),
			{ chatflowMetaAppApi: metaApp(), chatflowWhatsAppApi: { accessToken: 'wa-token', businessAccountId: 'b', apiVersion: 'v26.0', baseUrl: platform.url } },
			{ downloadMedia: true, binaryProperty: 'photo' },
		);
		const result = await new ChatflowWhatsAppTrigger().webhook.call(ctx);
		const [item] = result.workflowData![0];
		expect(ctx.response.status).toBe(200);
		expect(item.binary?.photo).toMatchObject({ mimeType: 'image/jpeg', data: JPEG.toString('base64') });
		expect(item.json.mediaError).toBeUndefined();
		const [download] = platform.received('GET', '/whatsapp/media/abc');
		expect(download.headers.authorization).toBe('Bearer wa-token');
	});

	it('keeps the event with mediaError when the download fails or no credential is set', async () => {
		platform.on('GET', '/v26.0/1003383421387256', { status: 404, json: { error: { message: 'Unsupported get request', code: 100 } } });
		const withCredential = delivery(
			fixtureBytes('whatsapp', 'image'),
			{ chatflowMetaAppApi: metaApp(), chatflowWhatsAppApi: { accessToken: 'wa-token', businessAccountId: 'b', apiVersion: 'v26.0', baseUrl: platform.url } },
			{ downloadMedia: true },
		);
		const failed = (await new ChatflowWhatsAppTrigger().webhook.call(withCredential)).workflowData![0][0];
		expect(failed.binary).toBeUndefined();
		expect(String(failed.json.mediaError)).toMatch(/.+/);
		expect(failed.json.type).toBe('image');

		const without = delivery(fixtureBytes('whatsapp', 'image'), { chatflowMetaAppApi: metaApp() }, { downloadMedia: true });
		const item = (await new ChatflowWhatsAppTrigger().webhook.call(without)).workflowData![0][0];
		expect(item.json.mediaError).toBe('select a WhatsApp Cloud API credential to download WhatsApp media');
	});

	it('downloads Messenger attachments from their URL', async () => {
		platform.on('GET', '/cdn/picture.jpg', () => ({ body: JPEG, headers: { 'content-type': 'image/jpeg' } }));
		const body = Buffer.from(
			fixtureBytes('messenger', 'attachment_image').toString('utf8').replace('https://scontent.xx.fbcdn.net/v/t1.15752-9/img.jpg', `${platform.url}/cdn/picture.jpg`),
		);
		const ctx = delivery(body, { chatflowMetaAppApi: metaApp() }, { downloadMedia: true });
		const [item] = (await new ChatflowMessengerTrigger().webhook.call(ctx)).workflowData![0];
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileName: 'picture.jpg', data: JPEG.toString('base64') });
	});
});
