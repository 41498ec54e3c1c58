import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform } from '../../../simulator/platform';
import { binaryItem, NODE_NAME, nodeFailure, nodeOutput, runNode } from '../../support/harness';
import { PHONE_ID, TOKEN, whatsAppNode } from './runNode';

describe('Chatflow WhatsApp: media', () => {
	let platform: FakePlatform;
	const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
	});
	afterAll(async () => platform.close());
	beforeEach(() => {
		platform.reset();
		resetRateLimiters();
		platform.on('GET', '/:v/:mediaId', (_request, params) => ({
			json: { messaging_product: 'whatsapp', url: `${platform.url}/lookaside/${params.mediaId}?ext=1`, mime_type: 'image/jpeg', sha256: 'abc', file_size: jpeg.length, id: params.mediaId },
		}));
		// Meta's download host answers only with the token (here checked by acceptedTokens too)
		platform.on('GET', '/lookaside/:mediaId', () => ({ headers: { 'content-type': 'image/jpeg' }, body: jpeg }));
	});

	it('downloads media into a binary property, with the token on both requests', async () => {
		const { items: output, run } = await runNode(whatsAppNode(platform, { resource: 'media', operation: 'download', mediaId: '1234567', binaryPropertyName: 'photo' }));
		expect(output[0].json).toEqual({ mediaId: '1234567', mimeType: 'image/jpeg', sha256: 'abc', fileSize: jpeg.length, fileName: '1234567.jpg' });
		// The bytes as n8n's binary-data store keeps them.
		expect((await run.binary(NODE_NAME, 0, 'photo')).equals(jpeg)).toBe(true);
		expect(output[0].binary!.photo.mimeType).toBe('image/jpeg');
		const download = platform.received('GET', '/lookaside/:id')[0];
		expect(download.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(download.query).toEqual({ ext: '1' });
	});

	it('gets the URL and metadata', async () => {
		const output = await nodeOutput(whatsAppNode(platform, { resource: 'media', operation: 'getUrl', mediaId: '99' }));
		expect(output[0].json).toMatchObject({ id: '99', mime_type: 'image/jpeg', url: `${platform.url}/lookaside/99?ext=1` });
	});

	it('uploads a binary property and returns the media id', async () => {
		platform.on('POST', `/:v/${PHONE_ID}/media`, { json: { id: '4242' } });
		const output = await nodeOutput(
			whatsAppNode(
				platform,
				{ resource: 'media', operation: 'upload', binaryPropertyName: 'data', phoneNumberId: { __rl: true, mode: 'list', value: '' } },
				{ input: [binaryItem(jpeg, { mimeType: 'image/jpeg', fileName: 'me.jpg' })] },
			),
		);
		expect(output[0].json).toEqual({ mediaId: '4242', fileName: 'me.jpg', mimeType: 'image/jpeg', phoneNumberId: PHONE_ID });
		expect(platform.received('POST', `/:v/${PHONE_ID}/media`)[0].body.includes(jpeg)).toBe(true);
	});

	it('fails clearly when the binary property is missing', async () => {
		const error = await nodeFailure(whatsAppNode(platform, { resource: 'media', operation: 'upload', binaryPropertyName: 'nope' }));
		expect(error.message).toContain("binary file 'nope'");
	});

	it('deletes media', async () => {
		platform.on('DELETE', '/:v/:mediaId', { json: { success: true } });
		const output = await nodeOutput(whatsAppNode(platform, { resource: 'media', operation: 'delete', mediaId: '77' }));
		expect(output[0].json).toMatchObject({ deleted: true, mediaId: '77' });
	});
});
