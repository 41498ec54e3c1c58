/**
 * The Flow picker in the real n8n: the editor's REST call for a resource locator's list runs
 * `searchFlows` of the WhatsApp node (Send Flow, a template's Flow button) and of the Flows
 * management node with the saved credential, against the fake Graph API (paging and search);
 * then workflows saved with the picker's value and with the plain string of older workflows both
 * send the same Flow.
 */
import { randomUUID } from 'node:crypto';

import { FakePlatform, type RecordedRequest } from '../../simulator/platform';
import { fakeFlows } from '../../simulator/platform/flows';
import { connectE2e, nodeType, type E2eContext } from './support/n8n';

const TOKEN = `EAAG-picker-e2e-${randomUUID()}`;
const PHONE_ID = '106540352242922';
const WABA_ID = '102290129340398';

describe('Flow picker in a real n8n', () => {
	let n8n: E2eContext;
	let platform: FakePlatform;
	let credentials: Record<string, { id: string; name: string }>;
	let booking: string;
	const workflowIds: string[] = [];

	beforeAll(async () => {
		n8n = await connectE2e();
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
		const flows = fakeFlows(platform);
		booking = flows.seed({ wabaId: WABA_ID, name: 'Table booking', status: 'PUBLISHED', categories: ['APPOINTMENT_BOOKING'] }).id;
		for (let index = 0; index < 104; index++) flows.seed({ wabaId: WABA_ID, name: `Survey ${index}`, categories: ['SURVEY'] });
		platform.on('POST', `/:v/${PHONE_ID}/messages`, (request: RecordedRequest) => ({
			json: { messaging_product: 'whatsapp', contacts: [{ input: (request.json as { to: string }).to, wa_id: '4915112345678' }], messages: [{ id: `wamid.${randomUUID()}` }] },
		}));
		const credential = await n8n.api.createCredential('chatflowWhatsAppApi', 'picker e2e', {
			accessToken: TOKEN, businessAccountId: WABA_ID, phoneNumberId: PHONE_ID, apiVersion: 'v26.0', baseUrl: platform.url,
		});
		credentials = { chatflowWhatsAppApi: { id: credential.id, name: credential.name } };
	});

	afterAll(async () => {
		for (const id of workflowIds) await n8n.api.deactivate(id).catch(() => undefined);
		await platform?.close();
	});

	it('lists the WABA\'s Flows with name, status and categories, page by page, for the Send Flow field', async () => {
		const search = (paginationToken?: string, filter?: string) =>
			n8n.api.listSearch({
				nodeType: nodeType('chatflowWhatsApp'), version: 2, parameter: 'flowId', methodName: 'searchFlows',
				parameters: { resource: 'message', operation: 'sendFlow', flowBy: 'id' }, credentials, filter, paginationToken,
			});
		const first = await search();
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Table booking · PUBLISHED · APPOINTMENT_BOOKING', value: booking });
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await search(first.paginationToken);
		expect(second.results.map((flow) => flow.name)).toEqual(['Survey 99 · DRAFT · SURVEY', 'Survey 100 · DRAFT · SURVEY', 'Survey 101 · DRAFT · SURVEY', 'Survey 102 · DRAFT · SURVEY', 'Survey 103 · DRAFT · SURVEY']);
		expect(second.paginationToken).toBeUndefined();
		expect((await search(undefined, 'BOOKING')).results).toEqual([{ name: 'Table booking · PUBLISHED · APPOINTMENT_BOOKING', value: booking }]);
		// the credential's token went to the fake platform, and nowhere else
		expect(platform.received('GET', `/v26.0/${WABA_ID}/flows`).every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
	});

	it('lists the same Flows for the management node\'s Flow field', async () => {
		const answer = await n8n.api.listSearch({
			nodeType: nodeType('chatflowWhatsAppFlows'), version: 1, parameter: 'flowId', methodName: 'searchFlows',
			parameters: { operation: 'get' }, credentials, filter: 'survey 10',
		});
		expect(answer.results.map((flow) => flow.name)).toEqual(['Survey 10 · DRAFT · SURVEY']);
	});

	it('lists them for a Flow button of Create Template, a field inside the list of buttons', async () => {
		const answer = await n8n.api.listSearch({
			nodeType: nodeType('chatflowWhatsApp'), version: 2, parameter: 'newButtons.button[0].flowId', methodName: 'searchFlows',
			parameters: { resource: 'template', operation: 'create', definedWith: 'fields', newButtons: { button: [{ type: 'FLOW', text: 'Book' }] } },
			credentials, filter: 'table',
		});
		expect(answer.results).toEqual([{ name: 'Table booking · PUBLISHED · APPOINTMENT_BOOKING', value: booking }]);
	});

	it.each([
		['the picker\'s value', () => ({ __rl: true, mode: 'list', value: booking, cachedResultName: 'Table booking · PUBLISHED · APPOINTMENT_BOOKING' })],
		['a plain string saved before the picker', () => booking],
	])('sends the Flow chosen as %s', async (_label, flowId) => {
		const webhookId = randomUUID();
		const to = (node: string) => [[{ node, type: 'main', index: 0 }]];
		const id = await n8n.api.createWorkflow(
			{
				name: `flow picker send ${webhookId}`,
				nodes: [
					{ id: randomUUID(), name: 'In', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId, parameters: { httpMethod: 'POST', path: webhookId, responseMode: 'onReceived', options: {} } },
					{
						id: randomUUID(), name: 'Send Flow', type: nodeType('chatflowWhatsApp'), typeVersion: 2, position: [200, 0], credentials,
						parameters: { resource: 'message', operation: 'sendFlow', to: '+4915112345678', body: 'Book a table', flowBy: 'id', flowId: flowId(), flowCta: 'Book', flowAction: 'navigate', flowScreen: 'START' },
					},
				],
				connections: { In: { main: to('Send Flow') } },
			},
			{ webhooks: [{ path: webhookId }] },
		);
		workflowIds.push(id);
		const before = platform.received('POST', `/v26.0/${PHONE_ID}/messages`).length;
		expect((await fetch(`${n8n.state.url}/webhook/${webhookId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.status).toBe('success');
		const sent = platform.received('POST', `/v26.0/${PHONE_ID}/messages`).slice(before);
		expect(sent.map((request) => (request.json as { interactive: { action: { parameters: { flow_id: string } } } }).interactive.action.parameters.flow_id)).toEqual([booking]);
	});
});
