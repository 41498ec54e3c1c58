import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, WebhookContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, IWebhookData, IWebhookDescription, IWebhookResponseData, IWorkflowBase } from 'n8n-workflow';

import { HarnessCredentialsHelper, type CredentialsByType } from './credentialsHelper';
import { ensureEngine } from './engine';
import type { LogEntry } from './logger';
import { n8nRuntimeModulesDir } from './paths';
import { buildWorkflow, createAdditionalData, harnessNodeTypes, type WorkflowJson } from './runWorkflow';

export interface RunWebhookOptions {
	/** The workflow the trigger is in; its `id` scopes what the trigger remembers (de-duplication). */
	workflow: WorkflowJson;
	/** The trigger node whose webhook receives the request. */
	node: string;
	/** Which of the node's webhooks (its description's `name`): default 'default'. */
	webhookName?: string;
	credentials?: CredentialsByType;
	/** The HTTP request; the method is the webhook's. */
	request: { headers?: Record<string, string>; body?: Buffer; query?: Record<string, string> };
}

export interface WebhookRunResult {
	/** The HTTP answer the platform got, read off the wire. */
	response: { status: number; contentType: string; headers: Record<string, string>; body: Buffer; text: string };
	/** What the node's webhook() returned (workflowData: the items an execution would start with). */
	returned: IWebhookResponseData | undefined;
	/** Items of workflowData[0] ([] when no execution would start). */
	items: INodeExecutionData[];
	/** The workflow's static data after the call. */
	staticData: IDataObject;
	logs: LogEntry[];
	/** The bytes of a binary property of an emitted item, from n8n's binary-data store. */
	binary(itemIndex: number, property: string): Promise<Buffer>;
}

interface PendingCall {
	run(request: unknown, response: unknown): Promise<void>;
	/** Settles when the node's webhook() has returned (it may answer before it is done). */
	done?: Promise<void>;
	/** Set when webhook() returned without the request being answered (a respond node answers later). */
	leftUnanswered?: boolean;
}

type ExpressRequest = { params: Record<string, string>; contentType?: string; headers: Record<string, string> };
type ExpressResponse = { headersSent: boolean; status(code: number): ExpressResponse; json(body: unknown): void; send(body: string): void };
interface BodyParser {
	rawBodyReader: (request: unknown, response: unknown, next: () => void) => void;
	parseBody: (request: unknown) => Promise<void>;
}

const pending = new Map<string, PendingCall>();
let server: Promise<{ url: string; parser: BodyParser }> | undefined;

/**
 * Delivers one HTTP request to a trigger's webhook the way n8n's webhook server does: real HTTP
 * on loopback into n8n's own express and body middleware (from the pinned n8n runtime: the raw
 * body reader, and the body parsing n8n applies per node version and content type), then the
 * node's `webhook()` on n8n-core's WebhookContext with the express request and response.
 * Resolves with what went back over the wire and what the node returned; the execution n8n would
 * start with `workflowData` is not run (runWorkflow runs workflows).
 */
export async function runWebhook(options: RunWebhookOptions): Promise<WebhookRunResult> {
	const engine = await ensureEngine();
	const { url, parser } = await webhookServer();
	const types = harnessNodeTypes();
	const { source, workflow } = buildWorkflow(options.workflow, options.credentials, true);
	const node = workflow.getNode(options.node);
	if (!node) throw new Error(`harness: node "${options.node}" is not in the workflow`);
	const type = types.getByNameAndVersion(node.type, node.typeVersion);
	const name = options.webhookName ?? 'default';
	const description = type.description.webhooks?.find((webhook) => webhook.name === name);
	if (!description || !type.webhook) throw new Error(`harness: ${node.type} has no webhook named "${name}"`);

	const token = randomUUID();
	let returned: IWebhookResponseData | undefined;
	const executionId = `webhook-${token}`;
	const call: PendingCall = {
		run: async (request, response) => {
			const req = request as ExpressRequest;
			const res = response as ExpressResponse;
			try {
				await parseAsN8nDoes(parser, req, node);
			} catch (error) {
				// n8n answers a body it cannot parse itself; the node never runs.
				const { httpStatusCode = 400, message } = error as { httpStatusCode?: number; message: string };
				res.status(httpStatusCode).json({ code: httpStatusCode, message });
				return;
			}
			const hooks = new ExecutionLifecycleHooks('webhook', executionId, source as unknown as IWorkflowBase);
			const additionalData = createAdditionalData(hooks, new HarnessCredentialsHelper({ ...(options.credentials ?? {}) }), executionId);
			additionalData.httpRequest = request as never;
			additionalData.httpResponse = response as never;
			const webhookData: IWebhookData = {
				httpMethod: description.httpMethod as IWebhookData['httpMethod'],
				node: node.name,
				path: String(description.path),
				webhookDescription: description as IWebhookDescription,
				workflowId: workflow.id,
				webhookId: node.webhookId,
				workflowExecuteAdditionalData: additionalData,
			};
			const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
			try {
				returned = await type.webhook!.call(context);
				call.leftUnanswered = !res.headersSent && returned.noWebhookResponse === true;
				// n8n 2.x's answer for 'onReceived' webhooks whose node did not answer itself, sent once
				// the execution is queued: the description's responseData, else the node's webhookResponse.
				if (!res.headersSent && !returned.noWebhookResponse) {
					const body = (description.responseData as string | undefined) ?? returned.webhookResponse ?? { message: 'Workflow was started' };
					if (typeof body === 'string') res.status(200).send(body);
					else res.status(200).json(body);
				}
			} catch (error) {
				engine.logger.error(`harness: webhook() threw: ${(error as Error).message}`);
				if (!res.headersSent) res.status(500).json({ code: 500, message: 'Workflow Webhook Error: Workflow could not be started!' });
			}
		},
	};
	pending.set(token, call);

	try {
		const query = new URLSearchParams(options.request.query ?? {}).toString();
		const method = String(description.httpMethod);
		const controller = new AbortController();
		const answering = fetch(`${url}/${token}${query ? `?${query}` : ''}`, {
			method,
			headers: options.request.headers,
			body: method === 'GET' || method === 'HEAD' ? undefined : options.request.body,
			signal: controller.signal,
		});
		// A 'responseNode' webhook that hands the request to its workflow is answered later by a
		// respond node of the execution this harness does not run: nothing answers, so once the
		// node has returned the request is dropped and the response is empty (status 0).
		const waitsForRespondNode = String(description.responseMode) === 'responseNode';
		const dropped = waitsForRespondNode
			? (async () => {
					while (!call.done) await new Promise((resolve) => setTimeout(resolve, 5));
					await call.done;
					if (call.leftUnanswered) controller.abort();
				})()
			: undefined;
		const answer = await answering.catch((error: Error) => {
			if (controller.signal.aborted) return undefined;
			throw error;
		});
		await dropped;
		const body = answer ? Buffer.from(await answer.arrayBuffer()) : Buffer.alloc(0);
		await call.done;
		const items = returned?.workflowData?.[0] ?? [];
		return {
			response: answer
				? { status: answer.status, contentType: answer.headers.get('content-type') ?? '', headers: Object.fromEntries(answer.headers), body, text: body.toString('utf8') }
				: { status: 0, contentType: '', headers: {}, body, text: '' },
			returned,
			items,
			// n8n keeps static data in an observable proxy: copy it out as JSON.
			staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
			logs: engine.logger.drain(),
			binary: async (itemIndex, property) => {
				const data = items[itemIndex]?.binary?.[property];
				if (!data) throw new Error(`harness: emitted item ${itemIndex} has no binary "${property}"`);
				return await Container.get(BinaryDataService).getAsBuffer(data);
			},
		};
	} finally {
		pending.delete(token);
	}
}

/** n8n's rule (webhook-helpers parseRequestBody): version 1 parses every body, later versions the types n8n knows. */
async function parseAsN8nDoes(parser: BodyParser, req: ExpressRequest, node: INode): Promise<void> {
	if (node.typeVersion === 1) return await parser.parseBody(req);
	const type = req.contentType ?? '';
	const parsed = ['application/json', 'text/plain', 'application/x-www-form-urlencoded'].some((prefix) => type.startsWith(prefix));
	if (parsed || type.endsWith('/xml') || type.endsWith('+xml')) await parser.parseBody(req);
}

/** One express app per process on loopback, with n8n's raw body reader in front of every route. */
async function webhookServer(): Promise<{ url: string; parser: BodyParser }> {
	server ??= (async () => {
		const modules = n8nRuntimeModulesDir();
		const parserFile = join(modules, 'n8n', 'dist', 'middlewares', 'body-parser.js');
		if (!existsSync(parserFile)) {
			throw new Error(`harness: webhooks need the pinned n8n runtime (${parserFile} is missing; run: bash scripts/run.sh e2e, or set CHATFLOW_N8N_DIR)`);
		}
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const express = require(join(modules, 'express')) as () => {
			use(handler: unknown): void;
			all(path: string, handler: (req: ExpressRequest, res: ExpressResponse) => void): void;
			listen(port: number, host: string, ready: () => void): Server;
		};
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const parser = require(parserFile) as BodyParser;
		const app = express();
		app.use(parser.rawBodyReader);
		app.all('/webhook/:token', (req, res) => {
			const call = pending.get(req.params.token);
			if (!call) {
				res.status(404).json({ message: 'no webhook call with this token' });
				return;
			}
			call.done = call.run(req, res);
		});
		const listening = await new Promise<Server>((resolve) => {
			const created = app.listen(0, '127.0.0.1', () => resolve(created));
		});
		listening.unref();
		return { url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}/webhook`, parser };
	})();
	return await server;
}
