/**
 * Uploaded files in the real n8n: a data_exchange request whose PhotoPicker value names files on
 * the fake platform's CDN (encrypted as WhatsApp does); the endpoint trigger decrypts them into
 * binary properties, the respond node answers with the files' names and sizes, and a tampered
 * file is reported back by media id, the shape a picker's error-message takes. Then the Flow's
 * answer with a Cloud API media file, parsed with Download Uploaded Files.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

import { FakePlatform, fakeFlowMedia } from '../../simulator/platform';
import { MediaStore } from '../../simulator/businessAccount/media';
import { decryptFlowResponse, encryptFlowRequest, generateFlowsKeyPair } from '../../simulator/flows/client';
import { connectE2e, nodeType, type E2eContext } from './support/n8n';

const APP_SECRET = `files-app-secret-${randomUUID()}`;
const TOKEN = `EAAG-files-e2e-${randomUUID()}`;
const keys = generateFlowsKeyPair();

describe('Uploaded files in a real n8n', () => {
	let n8n: E2eContext;
	let platform: FakePlatform;
	let endpointId: string;
	let answerId: string;
	const endpointHook = randomUUID();
	const answerHook = randomUUID();

	beforeAll(async () => {
		n8n = await connectE2e();
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
		const flows = await n8n.api.createCredential('chatflowFlowsEndpointApi', 'files flows', {
			privateKey: keys.privateKeyPem, passphrase: '', appSecret: APP_SECRET, previousAppSecret: '', tokenSecret: '',
		});
		const whatsapp = await n8n.api.createCredential('chatflowWhatsAppApi', 'files whatsapp', {
			accessToken: TOKEN, businessAccountId: '1', phoneNumberId: '2', apiVersion: 'v26.0', baseUrl: platform.url,
		});
		const flowsCredential = { chatflowFlowsEndpointApi: { id: flows.id, name: flows.name } };
		endpointId = await n8n.api.createWorkflow(
			{
				name: `flows files ${endpointHook}`,
				nodes: [
					{ id: randomUUID(), name: 'Endpoint', type: nodeType('chatflowFlowsEndpointTrigger'), typeVersion: 2, position: [0, 0], webhookId: endpointHook, parameters: { options: { maxFileSizeMb: 1 } }, credentials: flowsCredential },
					{
						id: randomUUID(), name: 'Answer', type: nodeType('chatflowFlowsRespond'), typeVersion: 1, position: [300, 0], credentials: flowsCredential,
						parameters: {
							respondWith: 'nextScreen', screen: 'DONE',
							data: '={{ JSON.stringify({ files: $json.data.photo_picker.filter(f => f.binaryProperty).map(f => f.file_name + ":" + f.file_size + ":" + $binary[f.binaryProperty].mimeType), sha: $json.data.photo_picker.filter(f => f.binaryProperty).map(f => f.binaryProperty), errors: $json.fileErrors ?? {} }) }}',
						},
					},
				],
				connections: { Endpoint: { main: [[{ node: 'Answer', type: 'main', index: 0 }]] } },
			},
			{ webhooks: [{ path: `${endpointHook}/flows` }] },
		);
		answerId = await n8n.api.createWorkflow(
			{
				name: `flow answer files ${answerHook}`,
				nodes: [
					{ id: randomUUID(), name: 'In', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: answerHook, parameters: { httpMethod: 'POST', path: answerHook, responseMode: 'onReceived', options: {} } },
					{
						id: randomUUID(), name: 'Parse', type: nodeType('chatflowFlowResponse'), typeVersion: 1, position: [300, 0],
						parameters: { operation: 'parse', foldBuilderKeys: true, downloadFiles: true, jsonata: '' },
						credentials: { chatflowWhatsAppApi: { id: whatsapp.id, name: whatsapp.name } },
					},
				],
				connections: { In: { main: [[{ node: 'Parse', type: 'main', index: 0 }]] } },
			},
			{ webhooks: [{ path: answerHook }] },
		);
	});

	afterAll(async () => {
		for (const id of [endpointId, answerId]) if (id) await n8n.api.deactivate(id).catch(() => undefined);
		await platform?.close();
	});

	it('decrypts the picker\'s files before the workflow runs and reports a tampered or oversize one by media id', async () => {
		const cdn = fakeFlowMedia(platform);
		const photo = randomBytes(200_000);
		const good = cdn.upload(photo, 'IMG_1.jpg');
		const tampered = cdn.upload(randomBytes(1000), 'IMG_2.jpg');
		const big = cdn.upload(randomBytes(1024 * 1024 + 1), 'IMG_3.jpg');
		cdn.files.get(new URL(tampered.cdn_url).pathname.split('/').pop()!)![3] ^= 1;
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'data_exchange', screen: 'UPLOAD', flow_token: 't', data: { photo_picker: [good, tampered, big] } }, APP_SECRET);
		const response = await fetch(n8n.api.webhookUrl(endpointHook, 'flows'), { method: 'POST', headers: request.headers, body: request.body });
		expect(response.status).toBe(200);
		expect(decryptFlowResponse(request, await response.text())).toEqual({
			screen: 'DONE',
			data: {
				files: [`IMG_1.jpg:${photo.length}:image/jpeg`],
				sha: ['photo_picker_0'],
				errors: {
					[tampered.media_id]: 'the downloaded file does not match encrypted_hash (SHA-256)',
					[big.media_id]: `the file is larger than the limit of ${1024 * 1024} bytes`,
				},
			},
		});
		const [execution] = await n8n.api.waitForExecutions(endpointId, 1);
		const saved = JSON.stringify(await n8n.api.execution(execution.id));
		for (const secret of [good.encryption_metadata.encryption_key, good.encryption_metadata.hmac_key]) expect(saved).not.toContain(secret);
	});

	it('downloads and checks the files of the Flow\'s answer', async () => {
		const store = new MediaStore(platform);
		store.install();
		const pdf = randomBytes(50_000);
		const stored = store.add(pdf, 'application/pdf', 'scan.pdf');
		const responseJson = JSON.stringify({ flow_token: 't', document_picker: [{ file_name: 'scan.pdf', mime_type: 'application/pdf', sha256: createHash('sha256').update(pdf).digest('base64'), id: stored.id }] });
		const message = { from: '4915112345678', id: 'wamid.ANSWER', type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: responseJson } } };
		const body = { object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', messages: [message] } }] }] };
		expect((await fetch(`${n8n.state.url}/webhook/${answerHook}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status).toBe(200);
		const [execution] = await n8n.api.waitForExecutions(answerId, 1);
		expect(execution.data?.resultData.error?.message).toBeUndefined();
		expect(execution.status).toBe('success');
		const run = execution.data?.resultData.runData.Parse[0];
		const item = run?.data?.main[0]?.[0] as { json: { response: { document_picker: unknown[] } }; binary: Record<string, { fileName: string; mimeType: string; fileSize: string }> };
		expect(item.json.response.document_picker).toEqual([{ media_id: stored.id, file_name: 'scan.pdf', mime_type: 'application/pdf', file_size: pdf.length, binaryProperty: 'document_picker_0' }]);
		expect(item.binary.document_picker_0).toMatchObject({ fileName: 'scan.pdf', mimeType: 'application/pdf' });
	});
});
