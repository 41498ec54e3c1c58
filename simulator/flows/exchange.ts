import { validateFlowJson, type FlowJsonIssue } from '../../nodes/WhatsAppFlows/flowJsonValidation';
import type { SimulatorContext } from '../context';
import { fakeFlows, type FakeFlow } from '../platform/flows';
import { decryptFlowResponse, encryptFlowRequest } from './client';

/**
 * The WhatsApp client's side of a Flow, for the chat page: the Flow JSON (from the config file or
 * uploaded through the Flows API) with the local validator's issues, and data-exchange requests
 * to the Flow's endpoint encrypted and signed exactly as WhatsApp does (a fresh AES-128 key
 * wrapped with the business public key by RSA-OAEP-SHA256, AES-128-GCM with a 16-byte IV,
 * X-Hub-Signature-256 with the app secret; the answer decrypted with the flipped IV).
 */

export interface FlowView {
	id: string;
	name: string;
	status: string;
	flowJson?: unknown;
	issues: FlowJsonIssue[];
	endpoint: string;
}

export interface ExchangeRequest {
	flowId: string;
	flowToken: string;
	action: 'INIT' | 'BACK' | 'data_exchange' | 'ping';
	screen?: string;
	data?: Record<string, unknown>;
}

export interface ExchangeResult {
	status: number | 'network error' | 'not configured';
	latencyMs: number;
	answer?: { screen?: string; data?: Record<string, unknown> };
	error?: string;
}

export function seedConfiguredFlows(ctx: SimulatorContext): void {
	const state = fakeFlows(ctx.platform);
	for (const flow of ctx.config.flows) {
		state.seed({
			id: flow.id,
			name: flow.name,
			status: flow.status ?? 'PUBLISHED',
			categories: ['OTHER'],
			wabaId: ctx.config.business.wabaId,
			endpoint_uri: flow.endpointUri || undefined,
			flowJson: JSON.stringify(flow.flowJson),
			json_version: typeof flow.flowJson.version === 'string' ? flow.flowJson.version : undefined,
			data_api_version: typeof flow.flowJson.data_api_version === 'string' ? flow.flowJson.data_api_version : undefined,
		});
	}
}

function findFlow(ctx: SimulatorContext, reference: string): FakeFlow | undefined {
	const flows = [...fakeFlows(ctx.platform).flows.values()];
	return flows.find((flow) => flow.id === reference) ?? flows.find((flow) => flow.name === reference);
}

export function viewFlow(ctx: SimulatorContext, reference: string): FlowView | undefined {
	const flow = findFlow(ctx, reference);
	if (!flow) return undefined;
	let flowJson: unknown;
	try {
		flowJson = flow.flowJson ? JSON.parse(flow.flowJson) : undefined;
	} catch {
		flowJson = undefined;
	}
	const issues = flow.flowJson ? validateFlowJson(flow.flowJson) : [{ path: '$', message: 'this Flow has no Flow JSON yet (upload it as an asset)' }];
	return { id: flow.id, name: flow.name, status: flow.status, flowJson, issues, endpoint: endpointOf(ctx, flow) };
}

function endpointOf(ctx: SimulatorContext, flow: FakeFlow | undefined): string {
	return flow?.endpoint_uri || ctx.config.flowsEndpoint.url;
}

/** The public key the user configured: the one uploaded for the phone number, else the config's. */
function publicKey(ctx: SimulatorContext): string {
	return fakeFlows(ctx.platform).publicKeys.get(ctx.config.business.phoneNumberId) || ctx.config.flowsEndpoint.publicKeyPem;
}

export async function exchange(ctx: SimulatorContext, request: ExchangeRequest): Promise<ExchangeResult> {
	const flow = findFlow(ctx, request.flowId);
	const url = endpointOf(ctx, flow);
	const key = publicKey(ctx);
	const appSecret = ctx.config.flowsEndpoint.appSecret || ctx.config.webhooks.whatsapp.secret;
	if (!url || !key) {
		const error = !url ? 'no endpoint: set the Flow\'s endpoint_uri or flowsEndpoint.url' : 'no public key: upload one (whatsapp_business_encryption) or set flowsEndpoint.publicKeyPem';
		ctx.journal.log({ kind: 'flow', channel: 'whatsapp', method: 'POST', target: url || '(no endpoint)', status: 'not sent', summary: `${request.action} ${request.screen ?? ''}: ${error}` });
		return { status: 'not configured', latencyMs: 0, error };
	}
	const payload: Record<string, unknown> = { version: '3.0', action: request.action, flow_token: request.flowToken };
	if (request.screen) payload.screen = request.screen;
	if (request.data) payload.data = request.data;
	const encrypted = encryptFlowRequest(key, payload, appSecret);
	const started = Date.now();
	let result: ExchangeResult;
	try {
		const response = await fetch(url, { method: 'POST', headers: encrypted.headers, body: encrypted.body, signal: AbortSignal.timeout(10_000) });
		const text = await response.text();
		const latencyMs = Date.now() - started;
		if (response.status !== 200) {
			result = { status: response.status, latencyMs, error: endpointError(response.status, text) };
		} else {
			try {
				result = { status: 200, latencyMs, answer: decryptFlowResponse(encrypted, text) as ExchangeResult['answer'] };
			} catch (error) {
				result = { status: 200, latencyMs, error: `the answer could not be decrypted: ${(error as Error).message}` };
			}
		}
	} catch (error) {
		const timedOut = (error as Error).name === 'TimeoutError';
		result = { status: 'network error', latencyMs: Date.now() - started, error: timedOut ? 'timeout_error: no answer within 10 s' : (error as Error).message };
	}
	const entry = ctx.journal.log({
		kind: 'flow',
		channel: 'whatsapp',
		method: 'POST',
		target: url,
		status: result.status,
		latencyMs: result.latencyMs,
		summary: `Flow ${request.action}${request.screen ? ` ${request.screen}` : ''}${result.answer?.screen ? ` → ${result.answer.screen}` : ''}${result.error ? `: ${result.error}` : ''}`,
		request: payload,
		response: result.answer ?? result.error,
	});
	if (result.status === 200) ctx.webhooks.linkExecution(started, url, entry.id);
	return result;
}

function endpointError(status: number, text: string): string {
	const meaning: Record<number, string> = {
		421: 'the endpoint could not decrypt the request (wrong public key?)',
		427: 'the flow token is no longer valid',
		432: 'the endpoint refused the signature (app secret differs?)',
		500: 'the endpoint failed (did the workflow answer with a Respond to WhatsApp Flow node?)',
	};
	return `${status}: ${meaning[status] ?? 'unexpected status'}${text ? ` ${text.slice(0, 200)}` : ''}`;
}
