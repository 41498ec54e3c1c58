/**
 * Files attached with a Flow's PhotoPicker / DocumentPicker, end to end below n8n: WhatsApp's
 * request (real RSA + AES-GCM) names files that the fake platform's CDN serves encrypted (real
 * AES-256-CBC + HMAC-SHA256); the endpoint trigger downloads them over loopback through the
 * HTTP layer (egress filter included), verifies, decrypts and hands them to the workflow as
 * binary properties; bad files are listed, never a crash.
 */
import { randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { FakePlatform, fakeFlowMedia } from '../../../simulator/platform';
import { encryptFlowRequest, generateFlowsKeyPair } from '../../../simulator/flows/client';
import { runWebhook } from '../../support/harness';
import { triggerWorkflow } from '../../support/triggerWorkflow';

const APP_SECRET = 'uploaded-files-app-secret-0123456789';
const keys = generateFlowsKeyPair();
const credential = { privateKey: keys.privateKeyPem, passphrase: '', appSecret: APP_SECRET, previousAppSecret: '', tokenSecret: '' };

let platform: FakePlatform;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [] });
});
afterAll(async () => await platform.close());
beforeEach(() => platform.reset());

/** One encrypted data_exchange request to the endpoint trigger, over HTTP through n8n's webhook middleware (the harness). */
async function receive(data: IDataObject, options: IDataObject = { decryptFiles: true }) {
	const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'data_exchange', screen: 'UPLOAD', data, flow_token: 't' }, APP_SECRET);
	const credentials = { chatflowFlowsEndpointApi: credential };
	const run = await runWebhook({
		workflow: triggerWorkflow('chatflowFlowsEndpointTrigger', { credentials, parameters: { options } }),
		node: 'Trigger',
		credentials,
		request: { headers: request.headers, body: Buffer.from(request.body) },
	});
	const [item] = run.items;
	return { item, logs: run.logs, bytes: async (property: string) => await run.binary(0, property) };
}

describe('Flows endpoint trigger: uploaded files', () => {
	it('decrypts every file of a picker into a binary property with name, type and size', async () => {
		const photo = randomBytes(300_000);
		const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)]);
		const media = fakeFlowMedia(platform);
		const first = media.upload(photo, 'IMG_5237.jpg');
		const second = media.upload(pdf, 'receipt.pdf');
		const { item, logs, bytes } = await receive({ name: 'Ana', photo_picker: [first, second] });

		expect(item.json.data).toEqual({
			name: 'Ana',
			photo_picker: [
				{ media_id: first.media_id, file_name: 'IMG_5237.jpg', mime_type: 'image/jpeg', file_size: photo.length, binaryProperty: 'photo_picker_0' },
				{ media_id: second.media_id, file_name: 'receipt.pdf', mime_type: 'application/pdf', file_size: pdf.length, binaryProperty: 'photo_picker_1' },
			],
		});
		expect(item.json.fileErrors).toBeUndefined();
		expect(Object.keys(item.binary ?? {})).toEqual(['photo_picker_0', 'photo_picker_1']);
		expect(item.binary?.photo_picker_0).toMatchObject({ fileName: 'IMG_5237.jpg', mimeType: 'image/jpeg' });
		expect((await bytes('photo_picker_0')).equals(photo)).toBe(true);
		expect((await bytes('photo_picker_1')).equals(pdf)).toBe(true);
		// the CDN got no credential, and the item keeps no key or CDN link
		expect(platform.requests.filter((request) => request.path.startsWith('/cdn/')).every((request) => request.headers.authorization === undefined)).toBe(true);
		const json = JSON.stringify(item.json) + JSON.stringify(logs);
		for (const secret of [first.encryption_metadata.encryption_key, first.encryption_metadata.hmac_key, first.cdn_url]) expect(json).not.toContain(secret);
	});

	it('lists a tampered, a forged and an oversize file in fileErrors and still passes the good one', async () => {
		const media = fakeFlowMedia(platform);
		const good = media.upload(Buffer.from('good file'), 'good.txt');
		const tampered = media.upload(randomBytes(4000), 'tampered.bin');
		const forgedHmac = media.upload(randomBytes(4000), 'forged.bin');
		const big = media.upload(randomBytes(2 * 1024 * 1024 + 1), 'big.bin');
		const served = (entry: { cdn_url: string }) => new URL(entry.cdn_url).pathname.split('/').pop()!;
		media.files.get(served(tampered))![100] ^= 1;
		const { item, logs } = await receive(
			{ document_picker: [good, tampered, { ...forgedHmac, encryption_metadata: { ...forgedHmac.encryption_metadata, hmac_key: randomBytes(32).toString('base64') } }, big] },
			{ decryptFiles: true, maxFileSizeMb: 2 },
		);
		expect(Object.keys(item.binary ?? {})).toEqual(['document_picker_0']);
		expect(item.json.fileErrors).toEqual({
			[tampered.media_id]: 'the downloaded file does not match encrypted_hash (SHA-256)',
			[forgedHmac.media_id]: 'the file\'s HMAC-SHA256 does not match: it was changed or the keys are wrong',
			[big.media_id]: expect.stringMatching(/larger than the limit/),
		});
		expect((item.json.data as { document_picker: IDataObject[] }).document_picker[1]).toEqual({ media_id: tampered.media_id, file_name: 'tampered.bin', error: 'the downloaded file does not match encrypted_hash (SHA-256)' });
		expect(logs.some((line) => line.level === 'warn' && /3 uploaded file\(s\) refused/.test(line.message))).toBe(true);
	});

	it('reports a file the CDN no longer has', async () => {
		const gone = fakeFlowMedia(platform).upload(Buffer.from('x'), 'gone.txt');
		const { item } = await receive({ photo: [{ ...gone, cdn_url: `${platform.url}/cdn/flow-media/00000000-0000-0000-0000-000000000000` }] });
		expect(item.json.fileErrors).toEqual({ [gone.media_id]: 'the CDN answered HTTP 404' });
		expect(item.binary).toBeUndefined();
	});

	it('decrypts without the option set, and leaves the request as it came when it is turned off', async () => {
		const file = fakeFlowMedia(platform).upload(Buffer.from('x'), 'x.txt');
		expect(Object.keys((await receive({ photo: [file] }, {})).item.binary ?? {})).toEqual(['photo_0']);
		platform.reset();
		const { item } = await receive({ photo: [file] }, { decryptFiles: false });
		expect(item.json.data).toEqual({ photo: [file] });
		expect(item.binary).toBeUndefined();
		expect(platform.requests).toHaveLength(0);
	});
});
