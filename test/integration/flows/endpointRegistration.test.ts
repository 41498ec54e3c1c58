/**
 * The endpoint trigger's registration against the fake Graph API: on activation the listed
 * Flows get the production URL as endpoint URI (the fake records it) and their health is logged;
 * manual changes nothing; deactivation leaves the URL unless asked, and then only where it is
 * still ours; a test URL is never registered.
 */
import type { IDataObject } from 'n8n-workflow';

import { ChatflowFlowsEndpointTrigger } from '../../../nodes/WhatsAppFlowsEndpointTrigger/ChatflowFlowsEndpointTrigger.node';
import { FakePlatform } from '../../../simulator/platform';
import { fakeFlows } from '../../../simulator/platform/flows';
import { createWebhookContext } from '../../support/webhookContext';

const TOKEN = 'EAAG-endpoint-registration';
const WABA = '102290129340398';
const URL = 'https://n8n.example.com/webhook/0b7e/flows';

let platform: FakePlatform;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => platform.reset());

const methods = new ChatflowFlowsEndpointTrigger().webhookMethods.default;

function hook(parameters: IDataObject, staticData: IDataObject = {}, mode = 'trigger') {
	const ctx = createWebhookContext({
		nodeType: 'n8n-nodes-chatflow.chatflowFlowsEndpointTrigger',
		parameters,
		webhookUrl: URL,
		staticData,
		credentials: { chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: WABA, phoneNumberId: '1', apiVersion: 'v26.0', baseUrl: platform.url } },
	});
	return Object.assign(ctx, { getMode: () => mode });
}

const onActivation = (flowIds: unknown[], extra: IDataObject = {}) => ({
	endpointRegistration: 'onActivation',
	registeredFlows: { flow: flowIds.map((flowId) => ({ flowId })) },
	...extra,
});

describe('Flows endpoint registration', () => {
	it('sets the production URL on every listed Flow on activation and logs each one\'s health', async () => {
		const flows = fakeFlows(platform);
		const booking = flows.seed({ wabaId: WABA, name: 'Booking', endpoint_uri: 'https://old.example/flows' });
		const blocked = flows.seed({ wabaId: WABA, name: 'Survey', status: 'BLOCKED' });
		const staticData = {};
		const ctx = hook(onActivation([{ __rl: true, mode: 'list', value: booking.id }, blocked.id]), staticData);
		expect(await methods.checkExists.call(ctx)).toBe(false);
		expect(await methods.create.call(ctx)).toBe(true);
		expect(flows.flows.get(booking.id)?.endpoint_uri).toBe(URL);
		expect(flows.flows.get(blocked.id)?.endpoint_uri).toBe(URL);
		expect(platform.received('POST', `/v26.0/${booking.id}`).map((request) => request.json)).toEqual([{ endpoint_uri: URL }]);
		expect(ctx.logs.map((line) => [line.level, line.message])).toEqual([
			['info', `Flows endpoint: Flow "Booking" (${booking.id}) endpoint set to ${URL}; health: AVAILABLE`],
			['warn', `Flows endpoint: Flow "Survey" (${blocked.id}) endpoint set to ${URL}; health: BLOCKED`],
		]);
	});

	it('finds nothing to do when every Flow already points here', async () => {
		const flow = fakeFlows(platform).seed({ wabaId: WABA, name: 'Booking', endpoint_uri: URL });
		const ctx = hook(onActivation([flow.id]));
		expect(await methods.checkExists.call(ctx)).toBe(true);
		expect(platform.received('POST', `/v26.0/${flow.id}`)).toHaveLength(0);
		expect(ctx.logs[0].message).toMatch(/already uses this endpoint; health: AVAILABLE/);
	});

	it('changes nothing in manual mode (the default), for a test URL, or without a listed Flow', async () => {
		const flow = fakeFlows(platform).seed({ wabaId: WABA, endpoint_uri: 'https://old.example/flows' });
		for (const ctx of [hook({}), hook(onActivation([flow.id]), {}, 'manual'), hook(onActivation([]))]) {
			expect(await methods.checkExists.call(ctx)).toBe(true);
			expect(await methods.create.call(ctx)).toBe(true);
			expect(await methods.delete.call(ctx)).toBe(true);
		}
		expect(platform.requests).toHaveLength(0);
		expect(fakeFlows(platform).flows.get(flow.id)?.endpoint_uri).toBe('https://old.example/flows');
	});

	it('leaves the URL on deactivation unless asked, then clears it only where it is still ours', async () => {
		const flows = fakeFlows(platform);
		const ours = flows.seed({ wabaId: WABA });
		const movedOn = flows.seed({ wabaId: WABA });
		const kept = {};
		await methods.create.call(hook(onActivation([ours.id]), kept));
		await methods.delete.call(hook(onActivation([ours.id]), kept));
		expect(flows.flows.get(ours.id)?.endpoint_uri).toBe(URL);

		const cleared = {};
		await methods.create.call(hook(onActivation([ours.id, movedOn.id], { clearOnDeactivation: true }), cleared));
		flows.flows.get(movedOn.id)!.endpoint_uri = 'https://another.example/flows';
		await methods.delete.call(hook(onActivation([ours.id, movedOn.id], { clearOnDeactivation: true }), cleared));
		expect(flows.flows.get(ours.id)?.endpoint_uri).toBe('');
		expect(flows.flows.get(movedOn.id)?.endpoint_uri).toBe('https://another.example/flows');
		expect(cleared).toEqual({});
	});
});
