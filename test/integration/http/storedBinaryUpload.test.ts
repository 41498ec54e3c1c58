import { createHash } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform, type RecordedRequest } from '../../../simulator/platform';
import { runWorkflow, type WorkflowJson } from '../../support/harness';

/**
 * Uploads of a file that n8n keeps in its binary store (filesystem mode, as a default n8n: the
 * item holds only the file's id) are streamed from the store into the multipart body, and what
 * reaches the platform is the whole request byte for byte, file included.
 */
const TOKEN = 'EAAG-stored-upload-token';
const PHONE_ID = '106540352242922';
const PAGE = '105954558954427';
/** A small file and one that spans many of the store's read chunks (64 KiB), both of odd length. */
const FILE = Buffer.concat(Array.from({ length: 48 }, (_, index) => createHash('sha512').update(String(index)).digest())).subarray(0, 3001);
const BIG_FILE = Buffer.concat(Array.from({ length: 40_000 }, (_, index) => createHash('sha256').update(String(index)).digest())).subarray(0, 1_280_003);

/** A test-only node that stores `FILE` or `BIG_FILE` (item json `big`) with n8n's prepareBinaryData. */
class StoreFile implements INodeType {
	description = {
		displayName: 'Store File',
		name: 'storeFile',
		group: ['transform'],
		version: 1,
		description: 'Stores a file in the binary store',
		defaults: { name: 'Store File' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output = await Promise.all(
			items.map(async (item, index) => ({
				json: {},
				binary: { data: await this.helpers.prepareBinaryData(item.json.big ? BIG_FILE : FILE, 'photo "1".jpg', 'image/jpeg') },
				pairedItem: { item: index },
			})),
		);
		return [output];
	}
}

let platform: FakePlatform;
beforeAll(async () => (platform = await FakePlatform.start({ acceptedTokens: [TOKEN] })));
afterAll(async () => await platform.close());
beforeEach(() => {
	platform.reset();
	resetRateLimiters();
});

const node = (name: string, type: string, parameters: INodeParameters = {}): INode => ({ id: name, name, type, typeVersion: 1, position: [0, 0], parameters });

async function storeThenUpload(upload: INode, input: IDataObject[]) {
	const workflow: WorkflowJson = {
		nodes: [node('Store', 'test.storeFile'), upload],
		connections: { Store: { main: [[{ node: upload.name, type: 'main', index: 0 }]] } },
	};
	return await runWorkflow({
		workflow,
		nodeTypes: { 'test.storeFile': new StoreFile() },
		input,
		credentials: {
			chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: '1', phoneNumberId: PHONE_ID, apiVersion: 'v26.0', baseUrl: platform.url },
			chatflowMessengerApi: { pageId: PAGE, accessToken: TOKEN, apiVersion: 'v26.0', baseUrl: platform.url },
		},
	});
}

/** The multipart body a browser's FormData would send for these fields and one file. */
function expectedBody(request: RecordedRequest, fields: Array<[string, string]>, fileField: string, file: Buffer): Buffer {
	const boundary = /boundary=(.+)$/.exec(String(request.headers['content-type']))![1];
	const head = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('');
	return Buffer.concat([
		Buffer.from(`${head}--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="photo %221%22.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
		file,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	]);
}

describe('uploads of files in n8n binary store (filesystem mode)', () => {
	it('WhatsApp media upload sends the stored file byte for byte', async () => {
		platform.on('POST', `/:v/${PHONE_ID}/media`, { json: { id: '4242' } });
		const upload = node('Upload', 'n8n-nodes-chatflow.chatflowWhatsApp', {
			resource: 'media',
			operation: 'upload',
			binaryPropertyName: 'data',
			phoneNumberId: { __rl: true, mode: 'list', value: '' },
		});
		const result = await storeThenUpload(upload, [{ big: false }, { big: true }]);
		expect(result.error).toBeUndefined();
		expect(result.outputs('Store')[0].map((item) => item.binary?.data.id)).toEqual([expect.stringMatching(/^filesystem-v2:/), expect.stringMatching(/^filesystem-v2:/)]);
		expect(result.output('Upload')).toEqual([
			{ mediaId: '4242', fileName: 'photo "1".jpg', mimeType: 'image/jpeg', phoneNumberId: PHONE_ID },
			{ mediaId: '4242', fileName: 'photo "1".jpg', mimeType: 'image/jpeg', phoneNumberId: PHONE_ID },
		]);
		const received = platform.received('POST', `/:v/${PHONE_ID}/media`);
		const bySize = [...received].sort((a, b) => a.body.length - b.body.length);
		for (const [request, file] of [
			[bySize[0], FILE],
			[bySize[1], BIG_FILE],
		] as const) {
			const expected = expectedBody(request, [['messaging_product', 'whatsapp'], ['type', 'image/jpeg']], 'file', file);
			expect(Number(request.headers['content-length'])).toBe(expected.length);
			expect(request.body.equals(expected)).toBe(true);
		}
	});

	it('Messenger attachment upload sends the stored file byte for byte, read again from the start when retried', async () => {
		// The first attempt loses its connection; the upload is idempotent, so it is sent again.
		platform.once('POST', `/:v/${PAGE}/message_attachments`, { dropConnection: true });
		const upload = node('Upload', 'n8n-nodes-chatflow.chatflowMessenger', {
			resource: 'attachment',
			operation: 'upload',
			uploadType: 'image',
			uploadSource: 'binary',
			binaryPropertyName: 'data',
			options: { retryDelayMs: 5 },
		});
		const result = await storeThenUpload(upload, [{ big: true }]);
		expect(result.error).toBeUndefined();
		expect(result.output('Upload')[0]).toMatchObject({ attachmentId: expect.stringMatching(/^\d+$/), type: 'image', fileName: 'photo "1".jpg' });
		const attempts = platform.received('POST', `/v26.0/${PAGE}/message_attachments`);
		expect(attempts).toHaveLength(2);
		for (const request of attempts) {
			const expected = expectedBody(request, [['message', '{"attachment":{"type":"image","payload":{"is_reusable":true}}}']], 'filedata', BIG_FILE);
			expect(request.body.equals(expected)).toBe(true);
		}
	});
});
