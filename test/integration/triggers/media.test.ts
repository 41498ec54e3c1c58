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
/** 0.01 MB, the smallest Max Media Size, and a file just past it. */
const LIMIT = Math.floor(0.01 * 1024 * 1024);
const LARGE = Buffer.alloc(LIMIT + 1, 7);
const metaApp = () => ({ appId: '1', appSecret: TEST_APP_SECRET, verifyToken: 'v', apiVersion: 'v26.0', baseUrl: platform.url });

/** A Messenger image event whose attachment URL is `path` on the fake platform. */
function messengerImage(path: string): Buffer {
	return Buffer.from(fixtureBytes('messenger', 'attachment_image').toString('utf8').replace('https://scontent.xx.fbcdn.net/v/t1.15752-9/img.jpg', `${platform.url}${path}`));
}

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
		const delivered = await deliver('chatflowMessengerTrigger', messengerImage('/cdn/picture.jpg'), { chatflowMetaAppApi: metaApp() }, { downloadMedia: true });
		const [item] = delivered.items;
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileName: 'picture.jpg' });
		expect(await delivered.binary(0, 'data')).toEqual(JPEG);
	});

	it('follows a redirect of a media URL inside the outbound rules and streams the file', async () => {
		platform.on('GET', '/cdn/moved.jpg', { status: 302, headers: { location: '/cdn/picture.jpg' } });
		platform.on('GET', '/cdn/picture.jpg', () => ({ body: JPEG, headers: { 'content-type': 'image/jpeg', 'transfer-encoding': 'chunked' } }));
		const delivered = await deliver('chatflowMessengerTrigger', messengerImage('/cdn/moved.jpg'), { chatflowMetaAppApi: metaApp() }, { downloadMedia: true });
		const [item] = delivered.items;
		expect(item.json.mediaError).toBeUndefined();
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileName: 'moved.jpg' });
		expect(await delivered.binary(0, 'data')).toEqual(JPEG);
		expect(platform.received('GET', '/cdn/picture.jpg')[0].headers['user-agent']).toBe('n8n-nodes-chatflow');
	});

	it.each([
		['announced in Content-Length', { 'content-length': String(LARGE.length) }],
		['streamed without a length', { 'transfer-encoding': 'chunked' }],
	])('keeps the event with mediaError when a media URL serves more than Max Media Size (%s)', async (_case, headers) => {
		platform.on('GET', '/cdn/large.bin', () => ({ body: LARGE, headers: { 'content-type': 'application/octet-stream', ...headers } }));
		const delivered = await deliver('chatflowMessengerTrigger', messengerImage('/cdn/large.bin'), { chatflowMetaAppApi: metaApp() }, { downloadMedia: true, maxMediaSizeMb: 0.01 });
		const [item] = delivered.items;
		expect(delivered.response.status).toBe(200);
		expect(item.binary).toBeUndefined();
		expect(item.json.mediaError).toBe(`the file is larger than the Max Media Size of ${LIMIT} bytes`);
		expect(item.json.type).toBe('image');
	});

	it('keeps the event with mediaError when the media host answers with an error', async () => {
		platform.on('GET', '/cdn/gone.jpg', { status: 404, body: 'not here' });
		const delivered = await deliver('chatflowMessengerTrigger', messengerImage('/cdn/gone.jpg'), { chatflowMetaAppApi: metaApp() }, { downloadMedia: true });
		expect(delivered.items[0].binary).toBeUndefined();
		expect(delivered.items[0].json.mediaError).toBe('the media host answered HTTP 404');
	});

	it('streams WhatsApp media within Max Media Size and refuses larger files', async () => {
		platform.on('GET', '/v26.0/1003383421387256', () => ({ json: { url: `${platform.url}/whatsapp/media/big?ext=1`, mime_type: 'image/jpeg', id: '1003383421387256' } }));
		platform.on('GET', '/whatsapp/media/big', () => ({ body: LARGE, headers: { 'content-type': 'image/jpeg', 'transfer-encoding': 'chunked' } }));
		const credentials = { chatflowMetaAppApi: metaApp(), chatflowWhatsAppApi: { accessToken: 'wa-token', businessAccountId: 'b', apiVersion: 'v26.0', baseUrl: platform.url } };
		const whole = await deliver('chatflowWhatsAppTrigger', fixtureBytes('whatsapp', 'image'), credentials, { downloadMedia: true });
		expect(whole.items[0].json.mediaError).toBeUndefined();
		expect(await whole.binary(0, 'data')).toEqual(LARGE);

		const refused = await deliver('chatflowWhatsAppTrigger', fixtureBytes('whatsapp', 'image'), credentials, { downloadMedia: true, maxMediaSizeMb: 0.01 });
		expect(refused.items[0].binary).toBeUndefined();
		expect(refused.items[0].json.mediaError).toBe(`the file is larger than the Max Media Size of ${LIMIT} bytes`);
	});
});
