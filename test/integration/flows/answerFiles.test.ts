/**
 * Files in a Flow's answer (nfm_reply) through n8n's engine: the Flow Response node looks each
 * Cloud API media object up on the fake Graph API, downloads it with the WhatsApp credential,
 * checks its SHA-256 and outputs binary properties; a wrong hash fails that item only
 * (continueOnFail), and a JSONata mapping sees what the files became.
 */
import { randomBytes } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { FakePlatform } from '../../../simulator/platform';
import { MediaStore } from '../../../simulator/businessAccount/media';
import { runWorkflow, type WorkflowJson } from '../../support/harness';

const TOKEN = 'EAAG-answer-files-token';

let platform: FakePlatform;
let media: MediaStore;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => {
	platform.reset();
	media = new MediaStore(platform);
	media.install();
});

const answer = (response: Record<string, unknown>) => ({
	from: '4915112345678',
	interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: JSON.stringify({ flow_token: 't', ...response }) } },
});

async function parse(parameters: INodeParameters, input: unknown[], settings: Record<string, unknown> = {}) {
	return await runWorkflow({
		workflow: {
			nodes: [
				{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'parse', name: 'Parse', type: 'n8n-nodes-chatflow.chatflowFlowResponse', typeVersion: 1, position: [200, 0], parameters: { operation: 'parse', ...parameters }, ...settings },
			],
			connections: { Start: { main: [[{ node: 'Parse', type: 'main', index: 0 }]] } },
		} as unknown as WorkflowJson,
		credentials: { chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: '1', phoneNumberId: '2', apiVersion: 'v26.0', baseUrl: platform.url } },
		input: input as never,
	});
}

describe('Flow Response: files of the answer', () => {
	it('downloads each file, checks its SHA-256, and outputs binary properties with name, type and size', async () => {
		const photo = randomBytes(120_000);
		const stored = media.add(photo, 'image/jpeg', 'IMG_5237.jpg');
		const reply = { file_name: 'IMG_5237.jpg', mime_type: 'image/jpeg', sha256: stored.sha256, id: stored.id };
		const result = await parse({ foldBuilderKeys: true, downloadFiles: true, jsonata: '{ "photo": response.photo_picker[0].binaryProperty, "size": response.photo_picker[0].file_size }' }, [answer({ photo_picker: [reply] })]);
		expect(result.error?.message).toBeUndefined();
		expect(result.output('Parse')).toEqual([{ photo: 'photo_picker_0', size: photo.length }]);
		expect((await result.binary('Parse', 0, 'photo_picker_0')).equals(photo)).toBe(true);
		const [item] = result.outputs('Parse')[0];
		expect(item.binary?.photo_picker_0).toMatchObject({ fileName: 'IMG_5237.jpg', mimeType: 'image/jpeg' });
		expect(platform.received('GET', `/v26.0/${stored.id}`)[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it('fails only the item whose file does not match its SHA-256 (continueOnFail), and downloads nothing when off', async () => {
		const good = media.add(Buffer.from('fine'), 'text/plain', 'fine.txt');
		const bad = media.add(Buffer.from('changed'), 'text/plain', 'bad.txt');
		const result = await parse(
			{ foldBuilderKeys: false, downloadFiles: true },
			[
				answer({ docs: [{ id: good.id, sha256: good.sha256, mime_type: 'text/plain', file_name: 'fine.txt' }] }),
				answer({ docs: [{ id: bad.id, sha256: good.sha256, mime_type: 'text/plain', file_name: 'bad.txt' }] }),
			],
			{ onError: 'continueRegularOutput' },
		);
		const [first, second] = result.outputs('Parse')[0];
		expect(Object.keys(first.binary ?? {})).toEqual(['docs_0']);
		expect(second.json.error).toBe(`Uploaded files refused: ${bad.id}: the downloaded file does not match its sha256`);

		platform.reset();
		const off = await parse({ foldBuilderKeys: false }, [answer({ docs: [{ id: good.id, sha256: good.sha256, mime_type: 'text/plain' }] })]);
		expect(off.output('Parse')[0].response).toEqual({ docs: [{ id: good.id, sha256: good.sha256, mime_type: 'text/plain' }] });
		expect(platform.requests).toHaveLength(0);
	});
});
