import type { IDataObject } from 'n8n-workflow';

import { FakePlatform } from '../../../simulator/platform';
import { runWebhook, type CredentialsByType } from '../../support/harness';
import { triggerWorkflow } from '../../support/triggerWorkflow';
import { fixtureBytes, signatureHeaders, TEST_APP_SECRET } from '../../support/webhookFixtures';

let platform: FakePlatform;
beforeAll(async () => (platform = await FakePlatform.start()));
afterAll(async () => await platform.close());
beforeEach(() => platform.reset());

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 0xff, 0xd9]);
const metaApp = () => ({ appId: '1', appSecret: TEST_APP_SECRET, verifyToken: 'v', apiVersion: 'v26.0', baseUrl: platform.url });

/** A signed delivery to a trigger (version 1), over HTTP through n8n's webhook middleware and n8n-core. */
async function deliver(type: string, body: Buffer, credentials: CredentialsByType, parameters: IDataObject) {
	return await runWebhook({
		workflow: triggerWorkflow(type, { credentials, parameters }),
		node: 'Trigger',
		credentials,
		request: { headers: { 'content-type': 'application/json', ...signatureHeaders('whatsapp', body) }, body },
	});
}

describe('media download into binary', () => {
	it('downloads WhatsApp media with the token in two calls (lookup, then the URL)', async () => {
		platform.on('GET', '/v26.0/1003383421387256', () => ({
			json: { url: `${platform.url}/whatsapp/media/abc?ext=1`, mime_type: 'image/jpeg', sha256: 'x', file_size: JPEG.length, id: '1003383421387256' },
		}));
		platform.on('GET', '/whatsapp/media/abc', () => ({ body: JPEG, headers: { 'content-type': 'image/jpeg' } }));
		const delivered = await deliver(
			'chatflowWhatsAppTrigger',
			fixtureBytes('whatsapp', 'image'),
			{ chatflowMetaAppApi: metaApp(), chatflowWhatsAppApi: { accessToken: 'wa-token', businessAccountId: 'b', apiVersion: 'v26.0', baseUrl: platform.url } },
			{ downloadMedia: true, binaryProperty: 'photo' },
		);
		const [item] = delivered.items;
		expect(delivered.response.status).toBe(200);
		expect(item.binary?.photo).toMatchObject({ mimeType: 'image/jpeg' });
		expect(await delivered.binary(0, 'photo')).toEqual(JPEG);
		expect(item.json.mediaError).toBeUndefined();
		const [download] = platform.received('GET', '/whatsapp/media/abc');
		expect(download.headers.authorization).toBe('Bearer wa-token');
	});

	it('keeps the event with mediaError when the download fails or no credential is set', async () => {
		platform.on('GET', '/v26.0/1003383421387256', { status: 404, json: { error: { message: 'Unsupported get request', code: 100 } } });
		const withCredential = await deliver(
			'chatflowWhatsAppTrigger',
			fixtureBytes('whatsapp', 'image'),
			{ chatflowMetaAppApi: metaApp(), chatflowWhatsAppApi: { accessToken: 'wa-token', businessAccountId: 'b', apiVersion: 'v26.0', baseUrl: platform.url } },
			{ downloadMedia: true },
		);
		const [failed] = withCredential.items;
		expect(failed.binary).toBeUndefined();
		expect(String(failed.json.mediaError)).toMatch(/.+/);
		expect(failed.json.type).toBe('image');

		const without = await deliver('chatflowWhatsAppTrigger', fixtureBytes('whatsapp', 'image'), { chatflowMetaAppApi: metaApp() }, { downloadMedia: true });
		const [item] = without.items;
		expect(item.json.mediaError).toBe('select a WhatsApp Cloud API credential to download WhatsApp media');
	});

	it('downloads Messenger attachments from their URL', async () => {
		platform.on('GET', '/cdn/picture.jpg', () => ({ body: JPEG, headers: { 'content-type': 'image/jpeg' } }));
		const body = Buffer.from(
			fixtureBytes('messenger', 'attachment_image').toString('utf8').replace('https://scontent.xx.fbcdn.net/v/t1.15752-9/img.jpg', `${platform.url}/cdn/picture.jpg`),
		);
		const delivered = await deliver('chatflowMessengerTrigger', body, { chatflowMetaAppApi: metaApp() }, { downloadMedia: true });
		const [item] = delivered.items;
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileName: 'picture.jpg' });
		expect(await delivered.binary(0, 'data')).toEqual(JPEG);
	});
});
