/**
 * The Flow picker on every Flow ID field (Send Flow, Flows management, clone): each locator mode
 * and the plain string that workflows saved before the picker hold, run through n8n's engine
 * (in-process harness) against the fake Graph API; and the picker's list, page by page, with search,
 * the picker on a template's Flow button included.
 */
import type { ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import { searchFlows } from '../../../nodes/shared/flows/picker';
import { FakePlatform } from '../../../simulator/platform';
import { fakeFlows } from '../../../simulator/platform/flows';
import { ChatflowWhatsApp } from '../../../nodes/WhatsApp/ChatflowWhatsApp.node';
import { loadOptionsContext, runWorkflow } from '../../support/harness';

const TOKEN = 'EAAG-flow-picker-token';
const WABA = '102290129340398';
const PHONE = '106540352242922';
const credentials = () => ({
	chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: WABA, phoneNumberId: PHONE, apiVersion: 'v26.0', baseUrl: platform.url },
});

let platform: FakePlatform;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => platform.reset());

async function runNode(type: string, typeVersion: number, parameters: INodeParameters) {
	return await runWorkflow({
		workflow: {
			nodes: [
				{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: '2', name: 'Node', type: `n8n-nodes-chatflow.${type}`, typeVersion, position: [200, 0], parameters },
			],
			connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
		},
		credentials: credentials(),
	});
}

const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

describe('Flow picker: saved values of every shape', () => {
	it.each([
		['a plain string (saved before the picker)', (id: string) => id],
		['From List', (id: string) => locator('list', id)],
		['By ID', (id: string) => locator('id', ` ${id} `)],
		['By URL (WhatsApp Manager)', (id: string) => locator('url', `https://business.facebook.com/wa/manage/flows/${id}/?waba_id=${WABA}`)],
		['By URL (Graph API)', (id: string) => locator('url', `https://graph.facebook.com/v26.0/${id}`)],
	])('Flows management reads %s', async (_label, value) => {
		const flow = fakeFlows(platform).seed({ wabaId: WABA, name: 'Booking' });
		const result = await runNode('chatflowWhatsAppFlows', 1, { operation: 'get', flowId: value(flow.id), fields: 'id,name' });
		expect(result.status).toBe('success');
		expect(result.output('Node')).toEqual([{ id: flow.id, name: 'Booking' }]);
	});

	it('refuses a URL without a Flow ID before any request (n8n checks the mode\'s pattern)', async () => {
		await expect(
			runNode('chatflowWhatsAppFlows', 1, { operation: 'get', flowId: locator('url', 'https://business.facebook.com/wa/manage/home/'), fields: 'id' }),
		).rejects.toThrow(/Not a Flow URL: it must contain \/flows\/<Flow ID>/);
		expect(platform.requests).toHaveLength(0);
	});

	it('refuses an ID that is not digits before any request', async () => {
		const result = await runNode('chatflowWhatsAppFlows', 1, { operation: 'get', flowId: '={{ "booking-flow" }}', fields: 'id' });
		expect(result.status).toBe('error');
		expect(String(result.error?.message)).toBe('Flow ID: "booking-flow" is not a Flow ID (digits only)');
		expect(platform.requests).toHaveLength(0);
	});

	it.each([
		['a plain string', (id: string) => id],
		['From List', (id: string) => locator('list', id)],
		['By URL', (id: string) => locator('url', `https://business.facebook.com/wa/manage/flows/${id}/`)],
	])('clones from %s', async (_label, value) => {
		const source = fakeFlows(platform).seed({ wabaId: WABA, name: 'Source' });
		const result = await runNode('chatflowWhatsAppFlows', 1, { operation: 'create', name: 'Copy', categories: ['OTHER'], createOptions: { cloneFlowId: value(source.id) } });
		expect(result.status).toBe('success');
		expect(platform.received('POST', `/v26.0/${WABA}/flows`)[0].json).toEqual({ name: 'Copy', categories: ['OTHER'], clone_flow_id: source.id });
	});

	it('creates without a clone when the locator is empty', async () => {
		await runNode('chatflowWhatsAppFlows', 1, { operation: 'create', name: 'Fresh', categories: ['OTHER'], createOptions: { cloneFlowId: locator('list', '') } });
		expect(platform.received('POST', `/v26.0/${WABA}/flows`)[0].json).toEqual({ name: 'Fresh', categories: ['OTHER'] });
	});

	it.each([
		['a plain string (saved before the picker)', '1234567890'],
		['From List', locator('list', '1234567890')],
		['By URL', locator('url', 'https://business.facebook.com/wa/manage/flows/1234567890/')],
	])('Send Flow (WhatsApp node, versions 1 and 2) reads %s', async (_label, flowId) => {
		platform.on('POST', `/:v/${PHONE}/messages`, { json: { messaging_product: 'whatsapp', contacts: [], messages: [{ id: 'wamid.FLOW' }] } });
		for (const version of [1, 2]) {
			platform.reset();
			platform.on('POST', `/:v/${PHONE}/messages`, { json: { messaging_product: 'whatsapp', contacts: [], messages: [{ id: 'wamid.FLOW' }] } });
			const result = await runNode('chatflowWhatsApp', version, {
				resource: 'message', operation: 'sendFlow', to: '+4915112345678', body: 'Book', flowBy: 'id', flowId, flowCta: 'Book', flowAction: 'navigate', flowScreen: 'START',
			});
			expect(result.status).toBe('success');
			const sent = platform.received('POST', `/v26.0/${PHONE}/messages`)[0].json as { interactive: { action: { parameters: Record<string, unknown> } } };
			expect(sent.interactive.action.parameters.flow_id).toBe('1234567890');
		}
	});
	it.each([
		['a plain string (saved before the picker)', '1234567890'],
		['From List', locator('list', '1234567890')],
		['By URL', locator('url', 'https://business.facebook.com/wa/manage/flows/1234567890/')],
	])('Create Template\'s Flow button reads %s', async (_label, flowId) => {
		platform.on('POST', `/:v/${WABA}/message_templates`, { json: { id: '5003', status: 'PENDING', category: 'UTILITY' } });
		const result = await runNode('chatflowWhatsApp', 2, {
			resource: 'template', operation: 'create', definedWith: 'fields', newTemplateName: 'book_visit', newTemplateLanguage: 'en_US', newTemplateCategory: 'UTILITY',
			bodyText: 'Book your next visit.', newButtons: { button: [{ type: 'FLOW', text: 'Book now', flowId, flowAction: 'navigate', navigateScreen: 'START' }] },
		});
		expect(result.status).toBe('success');
		const created = platform.received('POST', `/v26.0/${WABA}/message_templates`)[0].json as { components: Array<{ type: string; buttons?: Array<Record<string, unknown>> }> };
		expect(created.components.find((component) => component.type === 'BUTTONS')?.buttons).toEqual([
			{ type: 'FLOW', text: 'Book now', flow_id: '1234567890', flow_action: 'navigate', navigate_screen: 'START' },
		]);
	});
});

describe('Flow picker: the list', () => {
	/** n8n-core's LoadOptionsContext for the WhatsApp node, as the editor asks for a list. */
	const listContext = async (withCredentials = credentials()): Promise<ILoadOptionsFunctions> =>
		await loadOptionsContext({ type: 'chatflowWhatsApp', typeVersion: 2, parameters: { resource: 'message', operation: 'sendFlow' }, credentials: withCredentials });

	it('lists name, status and categories a page at a time, and searches', async () => {
		const flows = fakeFlows(platform);
		flows.seed({ wabaId: WABA, name: 'Booking', status: 'PUBLISHED', categories: ['APPOINTMENT_BOOKING'] });
		for (let index = 0; index < 120; index++) flows.seed({ wabaId: WABA, name: `Survey ${index}`, categories: ['SURVEY', 'OTHER'] });
		flows.seed({ wabaId: 'OTHER_WABA', name: 'Foreign' });

		const first = await searchFlows.call(await listContext());
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Booking · PUBLISHED · APPOINTMENT_BOOKING', value: [...flows.flows.values()][0].id });
		expect(first.results[1].name).toBe('Survey 0 · DRAFT · SURVEY, OTHER');
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await searchFlows.call(await listContext(), undefined, String(first.paginationToken));
		expect(second.results).toHaveLength(21);
		expect(second.paginationToken).toBeUndefined();
		expect(platform.received('GET', `/v26.0/${WABA}/flows`).map((request) => request.query.limit)).toEqual(['100', '100']);

		expect((await searchFlows.call(await listContext(), 'booking')).results.map((flow) => flow.name)).toEqual(['Booking · PUBLISHED · APPOINTMENT_BOOKING']);
		expect((await searchFlows.call(await listContext(), 'published')).results).toHaveLength(1);
		expect((await searchFlows.call(await listContext(), 'survey 11')).results.map((flow) => flow.name)).toEqual(['Survey 11 · DRAFT · SURVEY, OTHER']);
	});

	it('says what is missing when the credential has no WABA ID', async () => {
		const ctx = await listContext({ chatflowWhatsAppApi: { ...credentials().chatflowWhatsAppApi, businessAccountId: '' } });
		await expect(searchFlows.call(ctx)).rejects.toThrow(/WhatsApp Business Account ID/);
	});

	it('is the picker on a template\'s Flow button too, inside the list of buttons', () => {
		const buttons = new ChatflowWhatsApp().description.properties.find((property) => property.name === 'newButtons');
		const values = JSON.parse(JSON.stringify(buttons)).options[0].values as Array<{ name: string; type: string; modes: Array<{ name: string; typeOptions?: { searchListMethod?: string } }> }>;
		const flowField = values.find((value) => value.name === 'flowId');
		expect(flowField?.type).toBe('resourceLocator');
		expect(flowField?.modes.map((mode) => mode.name)).toEqual(['list', 'id', 'url']);
		expect(flowField?.modes[0].typeOptions?.searchListMethod).toBe('searchFlows');
	});
});
