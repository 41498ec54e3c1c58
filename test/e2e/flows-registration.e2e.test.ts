/**
 * Endpoint registration in the real n8n: activating a workflow whose Flows endpoint trigger has
 * "Set on Activation" sets its production URL as endpoint URI of the picked Flow on the fake
 * Graph API (which records the update), n8n's log shows the Flow's health, and deactivation with
 * "Clear Endpoint on Deactivation" removes it again.
 */
import { randomUUID } from 'node:crypto';

import { FakePlatform } from '../../simulator/platform';
import { fakeFlows } from '../../simulator/platform/flows';
import { generateFlowsKeyPair } from '../../simulator/flows/client';
import { connectE2e, nodeType, type E2eContext } from './support/n8n';

const TOKEN = `EAAG-registration-e2e-${randomUUID()}`;
const WABA = '102290129340398';

describe('Flows endpoint registration in a real n8n', () => {
	let n8n: E2eContext;
	let platform: FakePlatform;

	beforeAll(async () => {
		n8n = await connectE2e();
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
	});
	afterAll(async () => await platform?.close());

	it('sets the production URL on the picked Flow on activation and clears it on deactivation', async () => {
		const flow = fakeFlows(platform).seed({ wabaId: WABA, name: `Booking ${randomUUID().slice(0, 8)}`, endpoint_uri: 'https://old.example/flows' });
		const keys = generateFlowsKeyPair();
		const flowsCredential = await n8n.api.createCredential('chatflowFlowsEndpointApi', 'registration flows', {
			privateKey: keys.privateKeyPem, passphrase: '', appSecret: 'registration-app-secret', previousAppSecret: '', tokenSecret: '',
		});
		const whatsapp = await n8n.api.createCredential('chatflowWhatsAppApi', 'registration whatsapp', {
			accessToken: TOKEN, businessAccountId: WABA, phoneNumberId: '1', apiVersion: 'v26.0', baseUrl: platform.url,
		});
		const webhookId = randomUUID();
		const workflowId = await n8n.api.createWorkflow(
			{
				name: `flows registration ${webhookId}`,
				nodes: [
					{
						id: randomUUID(), name: 'Endpoint', type: nodeType('chatflowFlowsEndpointTrigger'), typeVersion: 2, position: [0, 0], webhookId,
						parameters: {
							endpointRegistration: 'onActivation',
							registeredFlows: { flow: [{ flowId: { __rl: true, mode: 'list', value: flow.id, cachedResultName: flow.name } }] },
							clearOnDeactivation: true,
							options: {},
						},
						credentials: {
							chatflowFlowsEndpointApi: { id: flowsCredential.id, name: flowsCredential.name },
							chatflowWhatsAppApi: { id: whatsapp.id, name: whatsapp.name },
						},
					},
				],
				connections: {},
			},
			{ webhooks: [{ path: `${webhookId}/flows` }] },
		);
		const productionUrl = n8n.api.webhookUrl(webhookId, 'flows');
		// n8n runs the activation hooks after it stored the webhooks: wait for the update to arrive.
		const endpointOf = async (wanted: string) => {
			for (let attempt = 0; attempt < 100 && fakeFlows(platform).flows.get(flow.id)?.endpoint_uri !== wanted; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
			return fakeFlows(platform).flows.get(flow.id)?.endpoint_uri;
		};
		expect(await endpointOf(productionUrl)).toBe(productionUrl);
		expect(platform.received('POST', `/v26.0/${flow.id}`).map((request) => request.json)).toEqual([{ endpoint_uri: productionUrl }]);

		for (let attempt = 0; attempt < 50 && !n8n.logs().includes(`(${flow.id}) endpoint set to`); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
		expect(n8n.logs()).toContain(`Flow "${flow.name}" (${flow.id}) endpoint set to ${productionUrl}; health: AVAILABLE`);

		await n8n.api.deactivate(workflowId);
		expect(await endpointOf('')).toBe('');
		expect(n8n.logs()).not.toContain(TOKEN);
	});
});
