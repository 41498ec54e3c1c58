import type { IDataObject, IHookFunctions, INodeProperties } from 'n8n-workflow';

import { GraphClient, segment, type GraphContext } from '../shared/graph';
import { flowIdFrom, flowLocatorProperty } from '../shared/flows/picker';

/**
 * Endpoint registration: on activation the trigger can set its production URL as the endpoint
 * URI of the Flows the user picked, and logs each Flow's health. Manual stays the default (the
 * user sets the URL on the Flow). Test URLs are never registered: a Flow has one endpoint, and
 * it belongs to the active workflow.
 */
export const REGISTRATION_MANUAL = 'manual';
export const REGISTRATION_ON_ACTIVATION = 'onActivation';

export const registrationProperties: INodeProperties[] = [
	{
		displayName: 'Endpoint Registration',
		name: 'endpointRegistration',
		type: 'options',
		noDataExpression: true,
		default: REGISTRATION_MANUAL,
		options: [
			{ name: 'Manual', value: REGISTRATION_MANUAL, description: 'Set the production URL as the Flow\'s endpoint URI yourself' },
			{
				name: 'Set on Activation',
				value: REGISTRATION_ON_ACTIVATION,
				description: 'When the workflow is activated, set the production URL as endpoint URI of the Flows below and log their health',
			},
		],
	},
	{
		displayName: 'Flows',
		name: 'registeredFlows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Flow',
		default: {},
		displayOptions: { show: { endpointRegistration: [REGISTRATION_ON_ACTIVATION] } },
		options: [{ displayName: 'Flow', name: 'flow', values: [flowLocatorProperty({ displayName: 'Flow', name: 'flowId' })] }],
	},
	{
		displayName: 'Clear Endpoint on Deactivation',
		name: 'clearOnDeactivation',
		type: 'boolean',
		default: false,
		description: 'Whether to remove the endpoint URI from these Flows when the workflow is deactivated (only where it is still this workflow\'s URL)',
		displayOptions: { show: { endpointRegistration: [REGISTRATION_ON_ACTIVATION] } },
	},
];

const STATE_KEY = 'chatflowFlowsEndpoint';

interface FlowView {
	id: string;
	name?: string;
	endpoint_uri?: string;
	health_status?: { can_send_message?: string };
}

interface Registration {
	graph: GraphClient;
	url: string;
	flowIds: string[];
}

/** Undefined when nothing is to be registered: manual, a test URL, or no Flow listed. */
async function registrationOf(ctx: IHookFunctions): Promise<Registration | undefined> {
	if (ctx.getNodeParameter('endpointRegistration', REGISTRATION_MANUAL) !== REGISTRATION_ON_ACTIVATION) return undefined;
	if (ctx.getMode() === 'manual') return undefined;
	const entries = (ctx.getNodeParameter('registeredFlows.flow', []) as Array<{ flowId?: unknown }>) ?? [];
	const flowIds = [...new Set(entries.map((entry) => flowIdFrom(entry.flowId)).filter((id) => /^\d+$/.test(id)))];
	if (flowIds.length === 0) {
		ctx.logger.warn('Flows endpoint: "Set on Activation" is chosen but no Flow is listed; nothing registered');
		return undefined;
	}
	const graph = await GraphClient.create(ctx as unknown as GraphContext, 'chatflowWhatsAppApi');
	return { graph, url: ctx.getNodeWebhookUrl('default') ?? '', flowIds };
}

async function readFlow(graph: GraphClient, id: string): Promise<FlowView> {
	return await graph.request<FlowView>({ method: 'GET', path: `/${segment(id)}`, qs: { fields: 'id,name,endpoint_uri,health_status' } });
}

function logHealth(ctx: IHookFunctions, flow: FlowView, verb: string): void {
	const health = flow.health_status?.can_send_message ?? 'unknown';
	const message = `Flows endpoint: Flow ${flow.name ? `"${flow.name}" ` : ''}(${flow.id}) ${verb}; health: ${health}`;
	if (health === 'AVAILABLE') ctx.logger.info(message);
	else ctx.logger.warn(message);
}

/** checkExists: true when every listed Flow already points at this URL (nothing to do). */
export async function flowsEndpointCheckExists(this: IHookFunctions): Promise<boolean> {
	const registration = await registrationOf(this);
	if (!registration) return true;
	for (const id of registration.flowIds) {
		const flow = await readFlow(registration.graph, id);
		if (flow.endpoint_uri !== registration.url) return false;
		logHealth(this, flow, 'already uses this endpoint');
	}
	remember(this, registration.flowIds, registration.url);
	return true;
}

/** create: set the production URL on each listed Flow, then read back its health. */
export async function flowsEndpointCreate(this: IHookFunctions): Promise<boolean> {
	const registration = await registrationOf(this);
	if (!registration) return true;
	for (const id of registration.flowIds) {
		await registration.graph.request({ method: 'POST', path: `/${segment(id)}`, body: { endpoint_uri: registration.url } });
		logHealth(this, await readFlow(registration.graph, id), `endpoint set to ${registration.url}`);
	}
	remember(this, registration.flowIds, registration.url);
	return true;
}

/** delete: leaves the URL unless the user asked to clear it, and then only where it is still ours. */
export async function flowsEndpointDelete(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	const recorded = data[STATE_KEY] as { flowIds?: string[]; url?: string } | undefined;
	delete data[STATE_KEY];
	if (!recorded?.flowIds?.length || !(this.getNodeParameter('clearOnDeactivation', false) as boolean)) return true;
	const graph = await GraphClient.create(this as unknown as GraphContext, 'chatflowWhatsAppApi');
	for (const id of recorded.flowIds) {
		const flow = await readFlow(graph, id);
		if (flow.endpoint_uri !== recorded.url) continue;
		await graph.request({ method: 'POST', path: `/${segment(id)}`, body: { endpoint_uri: '' } });
		this.logger.info(`Flows endpoint: endpoint URI of Flow ${id} cleared`);
	}
	return true;
}

function remember(ctx: IHookFunctions, flowIds: string[], url: string): void {
	ctx.getWorkflowStaticData('node')[STATE_KEY] = { flowIds, url } as IDataObject;
}
