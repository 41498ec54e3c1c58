import { createHash } from 'node:crypto';
import axios from 'axios';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	IDataObject,
	IHookFunctions,
	INode,
	IWebhookFunctions,
} from 'n8n-workflow';

import { createExecuteContext } from './executeContext';

/**
 * A minimal IWebhookFunctions (and IHookFunctions, for webhookMethods) to call a trigger's
 * `webhook()` directly with real raw bytes. HTTP helpers come from the execute test context:
 * real requests over loopback with the credential's `authenticate` block applied.
 */
export interface WebhookContextOptions {
	/** 'setup' is Meta's GET verification, 'default' the POST delivery. */
	webhookName?: 'setup' | 'default';
	headers?: Record<string, string>;
	rawBody?: Buffer;
	query?: IDataObject;
	parameters?: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Saved credential ids by type; by default derived from the data (different data, different credential). */
	credentialIds?: Record<string, string>;
	nodeType?: string;
	nodeId?: string;
	workflowId?: string;
	/** The node's workflow static data; pass the same object to share it between calls. */
	staticData?: IDataObject;
	webhookUrl?: string;
}

export interface RecordedResponse {
	status?: number;
	body?: unknown;
	contentType?: string;
	sent: boolean;
}

export interface LogLine {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
	meta?: IDataObject;
}

export type TestWebhookContext = IWebhookFunctions &
	IHookFunctions & {
		readonly response: RecordedResponse;
		readonly logs: LogLine[];
		readonly staticData: IDataObject;
	};

function contentId(data: unknown): string {
	return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 12);
}

export function createWebhookContext(options: WebhookContextOptions): TestWebhookContext {
	const credentials = options.credentials ?? {};
	const parameters = options.parameters ?? {};
	const node: INode = {
		id: options.nodeId ?? 'trigger-node-id',
		name: 'Trigger',
		type: options.nodeType ?? 'n8n-nodes-chatflow.chatflowWhatsAppTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		// Different data is a different saved credential (triggers cache credentials by id).
		credentials: Object.fromEntries(Object.entries(credentials).map(([type, data]) => [type, { id: options.credentialIds?.[type] ?? `${type}-${contentId(data)}`, name: type }])),
	};
	const base = createExecuteContext({ parameters, credentials, nodeType: node.type });
	const response: RecordedResponse = { sent: false };
	const logs: LogLine[] = [];
	const staticData = options.staticData ?? {};
	const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));

	const res = {
		get headersSent() {
			return response.sent;
		},
		status(code: number) {
			response.status = code;
			return res;
		},
		type(contentType: string) {
			response.contentType = contentType;
			return res;
		},
		send(body: unknown) {
			response.body = body;
			response.sent = true;
			return res;
		},
		json(body: unknown) {
			response.contentType = 'application/json';
			return res.send(body);
		},
		end() {
			response.sent = true;
			return res;
		},
	};

	const logAt = (level: LogLine['level']) => (message: string, meta?: IDataObject) => logs.push({ level, message, meta });

	const context = {
		response,
		logs,
		staticData,
		getNode: () => node,
		getWorkflow: () => ({ id: options.workflowId ?? 'test-workflow', name: 'test', active: true }),
		getMode: () => 'webhook',
		getWebhookName: () => options.webhookName ?? 'default',
		getRequestObject: () => ({ headers, rawBody: options.rawBody, query: options.query ?? {} }),
		getResponseObject: () => res,
		getHeaderData: () => headers,
		getQueryData: () => options.query ?? {},
		getBodyData: () => {
			try {
				return JSON.parse(options.rawBody?.toString('utf8') ?? '{}') as IDataObject;
			} catch {
				return {};
			}
		},
		getCredentials: base.getCredentials,
		getNodeParameter: (name: string, fallback?: unknown) => {
			const value = name.split('.').reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], parameters);
			return value === undefined ? fallback : value;
		},
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example.com/webhook/abc-123/webhook',
		getWorkflowStaticData: () => staticData,
		logger: { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error') },
		helpers: {
			...base.helpers,
			// Unauthenticated download of a public URL (Messenger, Instagram, Viber media).
			httpRequest: async (request: IHttpRequestOptions) => {
				const answer = await axios.request({ method: request.method ?? 'GET', url: request.url, responseType: 'arraybuffer', timeout: request.timeout });
				const body = Buffer.from(answer.data as ArrayBuffer);
				return request.returnFullResponse ? { body, headers: answer.headers, statusCode: answer.status } : body;
			},
		},
	};
	return context as unknown as TestWebhookContext;
}
