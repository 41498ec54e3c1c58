/**
 * The Flows management node against the fake Graph API: request shapes, local validation before
 * upload, the DRAFT-only delete, paging, key management. Real HTTP on loopback through n8n's
 * request helpers (in-process harness).
 */
import { createPublicKey, createPrivateKey } from 'node:crypto';
import type { INodeParameters } from 'n8n-workflow';

import { FakePlatform } from '../../../simulator/platform';
import { fakeFlows } from '../../../simulator/platform/flows';
import { binaryItem, runWorkflow } from '../../support/harness';

const TOKEN = 'EAAG-flows-management-token';
const WABA = '102290129340398';
const PHONE = '106540352242922';

const validFlow = {
	version: '7.2',
	screens: [
		{
			id: 'ONLY',
			title: 'Only',
			terminal: true,
			layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } }] },
		},
	],
};

let platform: FakePlatform;

beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => platform.reset());

async function run(parameters: INodeParameters, input?: unknown[]) {
	return await runWorkflow({
		workflow: {
			nodes: [
				{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: '2', name: 'Flows', type: 'n8n-nodes-chatflow.chatflowWhatsAppFlows', typeVersion: 1, position: [200, 0], parameters },
			],
			connections: { Start: { main: [[{ node: 'Flows', type: 'main', index: 0 }]] } },
		},
		credentials: {
			chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: WABA, phoneNumberId: PHONE, apiVersion: 'v26.0', baseUrl: platform.url },
		},
		input: input as never,
	});
}

describe('Chatflow WhatsApp Flows (management)', () => {
	it('creates a Flow with categories, endpoint and validated Flow JSON', async () => {
		const result = await run({
			operation: 'create',
			name: 'Booking',
			categories: ['APPOINTMENT_BOOKING'],
			flowJsonSource: 'field',
			flowJson: JSON.stringify(validFlow),
			createOptions: { endpointUri: 'https://n8n.example.com/webhook/abc/flows', includeFlowJson: true },
		});
		expect(result.status).toBe('success');
		const [created] = result.output('Flows');
		expect(created).toMatchObject({ success: true, validation_errors: [] });
		const [request] = platform.received('POST', `/v26.0/${WABA}/flows`);
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(request.json).toEqual({
			name: 'Booking',
			categories: ['APPOINTMENT_BOOKING'],
			endpoint_uri: 'https://n8n.example.com/webhook/abc/flows',
			flow_json: JSON.stringify(validFlow),
		});
		expect(fakeFlows(platform).flows.get(String(created.id))?.endpoint_uri).toBe('https://n8n.example.com/webhook/abc/flows');
	});

	it('validates Flow JSON locally and makes no request when it is invalid', async () => {
		const flow = fakeFlows(platform).seed({ wabaId: WABA });
		const broken = { ...validFlow, screens: [{ ...validFlow.screens[0], layout: { type: 'SingleColumnLayout', children: [] } }] };
		const result = await run({ operation: 'uploadJson', flowId: flow.id, flowJsonSource: 'field', flowJson: JSON.stringify(broken), validateLocally: true });
		expect(result.status).toBe('error');
		expect(String(result.error?.message)).toMatch(/Flow JSON is invalid: screens\[0\]: terminal screen "ONLY" has no Footer/);
		expect(platform.received('POST', /assets/)).toHaveLength(0);
	});

	it('uploads Flow JSON from a binary file as multipart (file, name, asset_type)', async () => {
		const flow = fakeFlows(platform).seed({ wabaId: WABA });
		const file = Buffer.from(JSON.stringify(validFlow));
		const result = await run(
			{ operation: 'uploadJson', flowId: flow.id, flowJsonSource: 'binary', binaryPropertyName: 'data', validateLocally: true },
			[binaryItem(file, { mimeType: 'application/json', fileName: 'booking.json' })],
		);
		expect(result.error?.message).toBeUndefined();
		expect(result.output('Flows')[0]).toMatchObject({ id: flow.id, success: true });
		const [request] = platform.received('POST', `/v26.0/${flow.id}/assets`);
		expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		const body = request.body.toString('utf8');
		expect(body).toMatch(/name="asset_type"\r\n\r\nFLOW_JSON/);
		expect(body).toMatch(/name="name"\r\n\r\nflow\.json/);
		expect(body).toContain(file.toString('utf8'));
		expect(fakeFlows(platform).flows.get(flow.id)?.flowJson).toBe(file.toString('utf8'));
	});

	it('publishes, deprecates, and deletes only drafts with a clear error', async () => {
		const flow = fakeFlows(platform).seed({ wabaId: WABA, flowJson: JSON.stringify(validFlow) });
		expect((await run({ operation: 'publish', flowId: flow.id })).output('Flows')[0]).toMatchObject({ success: true });
		const refused = await run({ operation: 'delete', flowId: flow.id });
		expect(refused.status).toBe('error');
		expect(String(refused.error?.message)).toBe(`Flow ${flow.id} is PUBLISHED: only DRAFT Flows can be deleted`);
		expect(platform.received('DELETE', new RegExp(flow.id))).toHaveLength(0);
		expect((await run({ operation: 'deprecate', flowId: flow.id })).output('Flows')[0]).toMatchObject({ success: true });
		expect(fakeFlows(platform).flows.get(flow.id)?.status).toBe('DEPRECATED');

		const draft = fakeFlows(platform).seed({ wabaId: WABA });
		expect((await run({ operation: 'delete', flowId: draft.id })).output('Flows')[0]).toMatchObject({ id: draft.id, success: true });
		expect(fakeFlows(platform).flows.has(draft.id)).toBe(false);
	});

	it('surfaces Meta errors as node errors with the code (publishing an invalid draft: 139002)', async () => {
		const flow = fakeFlows(platform).seed({ wabaId: WABA });
		const result = await run({ operation: 'publish', flowId: flow.id });
		expect(result.status).toBe('error');
		expect(JSON.stringify(result.error)).toMatch(/139002/);
	});

	it('lists Flows across pages, gets one with fields, preview and metrics', async () => {
		const seeded = Array.from({ length: 5 }, (_, index) => fakeFlows(platform).seed({ wabaId: WABA, name: `flow ${index}` }));
		const listed = await run({ operation: 'list', returnAll: false, limit: 4 });
		expect(listed.output('Flows').map((flow) => flow.name)).toEqual(['flow 0', 'flow 1', 'flow 2', 'flow 3']);
		const all = await run({ operation: 'list', returnAll: true });
		expect(all.output('Flows')).toHaveLength(5);

		const got = await run({ operation: 'get', flowId: seeded[0].id, fields: 'id,name,status,health_status' });
		expect(got.output('Flows')[0]).toEqual({ id: seeded[0].id, name: 'flow 0', status: 'DRAFT', health_status: { can_send_message: 'AVAILABLE', entities: [] } });

		const preview = await run({ operation: 'preview', flowId: seeded[0].id, invalidatePreview: true });
		expect(preview.output('Flows')[0].preview_url).toMatch(/^https:\/\/business\.facebook\.com\//);
		expect(platform.received('GET', `/v26.0/${seeded[0].id}`).at(-1)?.query.fields).toBe('preview.invalidate(true)');

		const metrics = await run({ operation: 'metrics', flowId: seeded[0].id, metricName: 'ENDPOINT_REQUEST_ERROR', granularity: 'DAY', metricRange: { since: '2026-11-01', until: '2026-11-20' } });
		expect(platform.received('GET', `/v26.0/${seeded[0].id}`).at(-1)?.query.fields).toBe(
			'metric.name(ENDPOINT_REQUEST_ERROR).granularity(DAY).since(2026-11-01).until(2026-11-20)',
		);
		expect(metrics.output('Flows')[0]).toMatchObject({ name: 'ENDPOINT_REQUEST_ERROR', granularity: 'DAY' });
	});

	it('updates metadata and refuses an empty update before any request', async () => {
		const flow = fakeFlows(platform).seed({ wabaId: WABA });
		const empty = await run({ operation: 'update', flowId: flow.id, updateFields: {} });
		expect(String(empty.error?.message)).toMatch(/Update Fields: choose at least one field/);
		await run({ operation: 'update', flowId: flow.id, updateFields: { name: 'Renamed', endpointUri: 'https://x.example/flows' } });
		expect(platform.received('POST', `/v26.0/${flow.id}`)[0].json).toEqual({ name: 'Renamed', endpoint_uri: 'https://x.example/flows' });
	});

	it('generates a key pair, uploads the public key and reads its signature status', async () => {
		const generated = await run({ operation: 'generateKeyPair', keyPassphrase: 'pass-phrase' });
		const [pair] = generated.output('Flows');
		expect(createPrivateKey({ key: String(pair.privateKey), passphrase: 'pass-phrase' }).asymmetricKeyDetails?.modulusLength).toBe(2048);
		expect(String(pair.privateKey)).toContain('ENCRYPTED PRIVATE KEY');
		expect(platform.requests).toHaveLength(0);
		expect(JSON.stringify(generated.logs)).not.toContain('PRIVATE KEY');

		const publicKey = String(pair.publicKey);
		expect(createPublicKey(publicKey).asymmetricKeyType).toBe('rsa');
		await run({ operation: 'uploadPublicKey', publicKey });
		const [upload] = platform.received('POST', `/v26.0/${PHONE}/whatsapp_business_encryption`);
		expect(upload.json).toEqual({ business_public_key: publicKey.trim() });
		const status = await run({ operation: 'getPublicKey' });
		expect(status.output('Flows')[0]).toEqual({ phoneNumberId: PHONE, publicKey: publicKey.trim(), signatureStatus: 'VALID' });
	});

	it('validates Flow JSON locally as an operation', async () => {
		const result = await run({ operation: 'validate', flowJsonSource: 'field', flowJson: '{"version":"7.2","screens":[{"id":"A-1"}]}' });
		const [report] = result.output('Flows');
		expect(report.valid).toBe(false);
		expect(report.issues).toEqual(expect.arrayContaining([{ path: 'screens[0].id', message: 'screen id "A-1" may only contain letters and underscores' }]));
		expect(platform.requests).toHaveLength(0);
	});
});
