import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { FLOWS_ENDPOINT_CREDENTIAL, privateKeyOf, readFlowsCredential } from '../shared/flows/credential';
import { DecryptionError } from '../shared/flows/crypto';
import { parseRoutes, ROUTING_PER_ROUTE } from '../shared/flows/routeOutputs';
import { buildAnswerPayload, encryptAnswer, isSessionReference, type FlowAnswer, type SessionReference } from './endpointAnswer';

const TRIGGER_TYPE_SUFFIX = '.chatflowFlowsEndpointTrigger';

/**
 * The respond node: answers the endpoint request of this execution once, with the first input
 * item's parameters, and passes all items through (as n8n's Respond to Webhook does).
 */
export async function respondToFlow(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const endpointItem = findEndpointItem(ctx);
	if (endpointItem.notification) {
		throw new NodeOperationError(
			ctx.getNode(),
			`This request (${String(endpointItem.notification)}) was already answered by the endpoint trigger; a respond node is not needed on this branch`,
		);
	}
	const answer = readAnswer(ctx, endpointItem);
	let payload: Record<string, unknown>;
	try {
		payload = buildAnswerPayload(answer);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex: 0 });
	}

	const loadPrivateKey = async () => privateKeyOf(readFlowsCredential(await ctx.getCredentials(FLOWS_ENDPOINT_CREDENTIAL)));
	let body: string;
	try {
		({ body } = await encryptAnswer(endpointItem.session as unknown as SessionReference, payload, loadPrivateKey));
	} catch (error) {
		const reason = error instanceof DecryptionError ? `the request's AES key cannot be recovered with this credential (${error.message})` : (error as Error).message;
		throw new NodeOperationError(ctx.getNode(), `Cannot encrypt the answer: ${reason}`, { itemIndex: 0 });
	}
	await ctx.sendResponse({ body: Buffer.from(body, 'utf8'), headers: { 'content-type': 'text/plain' }, statusCode: 200 });

	return [items.map((item, index) => ({ json: item.json, binary: item.binary, pairedItem: { item: index } }))];
}

/**
 * The trigger's item: the input item when it still carries `session`, else the output of the
 * Flows endpoint trigger upstream (the item may have passed through nodes that replaced it).
 */
function findEndpointItem(ctx: IExecuteFunctions): IDataObject {
	const first = ctx.getInputData()[0]?.json;
	if (first && isSessionReference(first.session)) return first;
	const trigger = ctx
		.getParentNodes(ctx.getNode().name)
		.find((parent) => parent.type.endsWith(TRIGGER_TYPE_SUFFIX));
	if (trigger) {
		const proxy = ctx.getWorkflowDataProxy(0);
		const output = proxy.$(trigger.name) as { first: (branchIndex?: number) => INodeExecutionData | undefined };
		// The branch this node hangs from, else any output of the trigger (one output per route).
		const outputs = trigger.parameters?.routing === ROUTING_PER_ROUTE ? parseRoutes(trigger.parameters.routes).length + 1 : 1;
		for (const branch of [undefined, ...Array.from({ length: outputs }, (_, index) => index)]) {
			const json = output.first(branch)?.json;
			if (json && isSessionReference(json.session)) return json;
		}
	}
	throw new NodeOperationError(
		ctx.getNode(),
		'No WhatsApp Flows endpoint request to answer: this node must run after a "Chatflow WhatsApp Flows Endpoint Trigger"',
	);
}

function jsonParameter(ctx: IExecuteFunctions, name: string, label: string): Record<string, unknown> {
	const value = ctx.getNodeParameter(name, 0, {}) as unknown;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			const parsed = JSON.parse(value) as unknown;
			if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
		} catch {
			// reported below
		}
		throw new NodeOperationError(ctx.getNode(), `${label}: must be a JSON object`, { itemIndex: 0 });
	}
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
	throw new NodeOperationError(ctx.getNode(), `${label}: must be a JSON object`, { itemIndex: 0 });
}

function readAnswer(ctx: IExecuteFunctions, endpointItem: IDataObject): FlowAnswer {
	const respondWith = ctx.getNodeParameter('respondWith', 0) as 'nextScreen' | 'error' | 'close';
	if (respondWith === 'close') {
		const token = (ctx.getNodeParameter('flowToken', 0, '') as string) || String(endpointItem.flowToken ?? '');
		if (token === '') throw new NodeOperationError(ctx.getNode(), 'Flow Token: the request carried none; set one', { itemIndex: 0 });
		return { kind: 'close', flowToken: token, params: jsonParameter(ctx, 'params', 'Params (JSON)') };
	}
	const data = jsonParameter(ctx, 'data', 'Data (JSON)');
	if (respondWith === 'error') {
		const screen = (ctx.getNodeParameter('errorScreen', 0, '') as string) || String(endpointItem.screen ?? '');
		return { kind: 'error', screen, errorMessage: ctx.getNodeParameter('errorMessage', 0) as string, data };
	}
	return { kind: 'nextScreen', screen: ctx.getNodeParameter('screen', 0) as string, data };
}
