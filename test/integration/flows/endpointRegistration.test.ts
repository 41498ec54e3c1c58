/**
 * The endpoint trigger's registration against the fake Graph API: on activation the listed
 * Flows get the production URL as endpoint URI (the fake records it) and their health is logged;
 * manual changes nothing; deactivation leaves the URL unless asked, and then only where it is
 * still ours; a test URL is never registered.
 */
import type { IDataObject } from 'n8n-workflow';

import { FakePlatform } from '../../../simulator/platform';
import { fakeFlows } from '../../../simulator/platform/flows';
import { runHook, type WorkflowJson } from '../../support/harness';

const TOKEN = 'EAAG-endpoint-registration';
const WABA = '102290129340398';

let platform: FakePlatform;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => platform.reset());

const BASE_URL = 'https://n8n.example.com/webhook';
const WEBHOOK_ID = '0b7e';
const URL = `${BASE_URL}/${WEBHOOK_ID}/flows`;
const credentials = () => ({ chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: WABA, phoneNumberId: '1', apiVersion: 'v26.0', baseUrl: platform.url } });

/**
 * The trigger's activation hooks as n8n runs them (the harness's runHook: n8n-core's HookContext),
 * in a workflow whose static data carries over from one call to the next, as n8n saves it.
 */
function trigger(parameters: IDataObject, mode: 'trigger' | 'manual' = 'trigger') {
	let staticData: IDataObject = {};
	const logs: string[][] = [];
	const call = async (method: 'checkExists' | 'create' | 'delete') => {
		const workflow: WorkflowJson = {
			nodes: [{ id: 'endpoint', name: 'Endpoint', type: 'n8n-nodes-chatflow.chatflowFlowsEndpointTrigger', typeVersion: 1, position: [0, 0], webhookId: WEBHOOK_ID, parameters: parameters as WorkflowJson['nodes'][number]['parameters'] }],
			connections: {},
			staticData,
		};
		const result = await runHook({ workflow, node: 'Endpoint', method, credentials: credentials(), webhookBaseUrl: BASE_URL, mode });
		staticData = result.staticData;
		logs.push(...result.logs.filter((line) => line.message.startsWith('Flows endpoint')).map((line) => [line.level, line.message]));
		return result.returned;
	};
	return { call, logs, staticData: () => staticData };
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
		const endpoint = trigger(onActivation([{ __rl: true, mode: 'list', value: booking.id }, blocked.id]));
		expect(await endpoint.call('checkExists')).toBe(false);
		expect(await endpoint.call('create')).toBe(true);
		expect(flows.flows.get(booking.id)?.endpoint_uri).toBe(URL);
		expect(flows.flows.get(blocked.id)?.endpoint_uri).toBe(URL);
		expect(platform.received('POST', `/v26.0/${booking.id}`).map((request) => request.json)).toEqual([{ endpoint_uri: URL }]);
		expect(endpoint.logs).toEqual([
			['info', `Flows endpoint: Flow "Booking" (${booking.id}) endpoint set to ${URL}; health: AVAILABLE`],
			['warn', `Flows endpoint: Flow "Survey" (${blocked.id}) endpoint set to ${URL}; health: BLOCKED`],
		]);
	});

	it('finds nothing to do when every Flow already points here', async () => {
		const flow = fakeFlows(platform).seed({ wabaId: WABA, name: 'Booking', endpoint_uri: URL });
		const endpoint = trigger(onActivation([flow.id]));
		expect(await endpoint.call('checkExists')).toBe(true);
		expect(platform.received('POST', `/v26.0/${flow.id}`)).toHaveLength(0);
		expect(endpoint.logs[0][1]).toMatch(/already uses this endpoint; health: AVAILABLE/);
	});

	it('changes nothing in manual mode (the default), for a test URL, or without a listed Flow', async () => {
		const flow = fakeFlows(platform).seed({ wabaId: WABA, endpoint_uri: 'https://old.example/flows' });
		for (const endpoint of [trigger({}), trigger(onActivation([flow.id]), 'manual'), trigger(onActivation([]))]) {
			expect(await endpoint.call('checkExists')).toBe(true);
			expect(await endpoint.call('create')).toBe(true);
			expect(await endpoint.call('delete')).toBe(true);
		}
		expect(platform.requests).toHaveLength(0);
		expect(fakeFlows(platform).flows.get(flow.id)?.endpoint_uri).toBe('https://old.example/flows');
	});

	it('leaves the URL on deactivation unless asked, then clears it only where it is still ours', async () => {
		const flows = fakeFlows(platform);
		const ours = flows.seed({ wabaId: WABA });
		const movedOn = flows.seed({ wabaId: WABA });
		const kept = trigger(onActivation([ours.id]));
		await kept.call('create');
		await kept.call('delete');
		expect(flows.flows.get(ours.id)?.endpoint_uri).toBe(URL);

		const cleared = trigger(onActivation([ours.id, movedOn.id], { clearOnDeactivation: true }));
		await cleared.call('create');
		// n8n keeps a trigger's static data under its node name.
		expect(cleared.staticData()['node:Endpoint']).not.toEqual({});
		flows.flows.get(movedOn.id)!.endpoint_uri = 'https://another.example/flows';
		await cleared.call('delete');
		expect(flows.flows.get(ours.id)?.endpoint_uri).toBe('');
		expect(flows.flows.get(movedOn.id)?.endpoint_uri).toBe('https://another.example/flows');
		expect(cleared.staticData()['node:Endpoint']).toEqual({});
	});
});
