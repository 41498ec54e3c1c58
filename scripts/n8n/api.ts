/**
 * Drives a running n8n headlessly: owner set-up, an API key, then the public API (credentials,
 * workflows, activation, executions). What the e2e suite, the benchmarks and `npm run dev` use
 * instead of clicking through the editor.
 */

export interface WorkflowJson {
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	finished: boolean;
	mode: string;
	startedAt: string;
	stoppedAt?: string;
	data?: {
		resultData: {
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown>; binary?: unknown }> | null> }; error?: unknown }>>;
			error?: { message: string };
			lastNodeExecuted?: string;
		};
	};
}

export const OWNER = {
	email: 'owner@chatflow.local',
	firstName: 'Chat',
	lastName: 'Flow',
	password: 'Chatflow-local-1',
};

export class N8nApi {
	constructor(
		readonly baseUrl: string,
		readonly apiKey: string,
		readonly cookie: string,
	) {}

	/** Creates the owner (first start) or logs in (later starts), then mints an API key. */
	static async connect(baseUrl: string): Promise<N8nApi> {
		let response = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!response.ok) {
			response = await fetch(`${baseUrl}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
			});
		}
		if (!response.ok) throw new Error(`n8n owner set-up and login failed: ${response.status} ${await response.text()}`);
		const cookie = (response.headers.getSetCookie?.() ?? [])
			.map((c) => c.split(';')[0])
			.join('; ');
		const scopes = (await rest<{ data: string[] }>(baseUrl, cookie, 'GET', '/rest/api-keys/scopes')).data;
		const created = await rest<{ data: { rawApiKey: string } }>(baseUrl, cookie, 'POST', '/rest/api-keys', {
			label: `chatflow-${Date.now()}`,
			scopes,
			expiresAt: null,
		});
		return new N8nApi(baseUrl, created.data.rawApiKey, cookie);
	}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetchRetryingIdempotent(`${this.baseUrl}/api/v1${path}`, {
			method,
			headers: { 'x-n8n-api-key': this.apiKey, 'content-type': 'application/json', accept: 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`n8n API ${method} ${path}: ${response.status} ${text}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	async createCredential(type: string, name: string, data: Record<string, unknown>): Promise<{ id: string; name: string; type: string }> {
		try {
			return await this.request('POST', '/credentials', { type, name, data });
		} catch (error) {
			// n8n 1.x adds "Allowed HTTP Request Domains" to every credential with an authenticate
			// function, and its public API then requires `allowedDomains` unless the choice is set;
			// the editor fills in the default, 'all', so the API client does the same.
			if (!String(error).includes('allowedDomains') || 'allowedHttpRequestDomains' in data) throw error;
			return await this.request('POST', '/credentials', { type, name, data: { ...data, allowedHttpRequestDomains: 'all' } });
		}
	}

	/**
	 * Creates the workflow (ids of credentials already filled in) and activates it. n8n 2.40
	 * registers production webhooks asynchronously after `/activate` returns, so this waits until
	 * each webhook is registered (`webhooks`: paths after /webhook/, e.g. `<webhookId>/<path>`, with
	 * their method; by default those of nodes that have both a webhookId and a `path` parameter).
	 */
	async createWorkflow(
		workflow: WorkflowJson,
		{ activate = true, webhooks }: { activate?: boolean; webhooks?: Array<{ path: string; method?: string }> } = {},
	): Promise<string> {
		const { name, nodes, connections } = workflow;
		const created = await this.request<{ id: string }>('POST', '/workflows', {
			name,
			nodes,
			connections,
			settings: { executionOrder: 'v1', saveManualExecutions: true, ...(workflow.settings ?? {}) },
		});
		if (!activate) return created.id;
		await this.request('POST', `/workflows/${created.id}/activate`);
		const expected =
			webhooks ??
			nodes
				.filter((node) => typeof node.webhookId === 'string' && typeof (node.parameters as { path?: unknown })?.path === 'string')
				.map((node) => ({
					path: `${String(node.webhookId)}/${String((node.parameters as { path: string }).path)}`,
					method: String((node.parameters as { httpMethod?: string }).httpMethod ?? 'POST'),
				}));
		for (const { path, method } of expected) await this.waitForWebhook(path, method ?? 'POST');
		return created.id;
	}

	/**
	 * Resolves once n8n serves `/webhook/<path>` for `method`. The probe is an OPTIONS request
	 * with an Origin: n8n lists the path's registered methods in Access-Control-Allow-Methods,
	 * and OPTIONS never starts an execution. It names no Access-Control-Request-Method on
	 * purpose: with one, n8n looks the webhook up for that method and prints a stack trace
	 * ("The requested webhook … is not registered") for every probe made before registration.
	 */
	async waitForWebhook(path: string, method = 'POST', timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const response = await fetch(`${this.baseUrl}/webhook/${path}`, { method: 'OPTIONS', headers: { origin: this.baseUrl } });
			await response.arrayBuffer();
			const allowed = (response.headers.get('access-control-allow-methods') ?? '').split(/,\s*/);
			if (allowed.includes(method)) return;
			if (Date.now() > deadline) throw new Error(`webhook ${method} /webhook/${path} was not registered within ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	async deactivate(workflowId: string): Promise<void> {
		await this.request('POST', `/workflows/${workflowId}/deactivate`);
	}

	async deleteWorkflow(workflowId: string): Promise<void> {
		await this.request('DELETE', `/workflows/${workflowId}`);
	}

	async executions(workflowId: string, { includeData = true } = {}): Promise<ExecutionSummary[]> {
		const result = await this.request<{ data: ExecutionSummary[] }>(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=${includeData}&limit=250`,
		);
		return result.data;
	}

	/** Executions that ended in an error, with their data (to say what failed). */
	async failedExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const result = await this.request<{ data: ExecutionSummary[] }>('GET', `/executions?workflowId=${workflowId}&status=error&includeData=true&limit=250`);
		return result.data;
	}

	/**
	 * Executions still running. n8n's public API leaves running executions out of its list unless
	 * `status=running` is asked for, so "no execution in the list is running" proves nothing.
	 */
	async runningExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const result = await this.request<{ data: ExecutionSummary[] }>(
			'GET',
			`/executions?workflowId=${workflowId}&status=running&includeData=false&limit=250`,
		);
		return result.data;
	}

	/** The finished executions of a workflow, once none is running any more. */
	async settledExecutions(workflowId: string, timeoutMs = 30_000): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		while ((await this.runningExecutions(workflowId)).length > 0) {
			if (Date.now() > deadline) throw new Error(`workflow ${workflowId} still has running executions after ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 100));
		}
		return await this.executions(workflowId);
	}

	/** The first finished execution (with data) whose id is not in `known`. */
	async waitForNewExecution(workflowId: string, known: Iterable<string>, timeoutMs = 30_000): Promise<ExecutionSummary> {
		const seen = new Set(known);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const fresh = (await this.executions(workflowId))
				.filter((e) => !seen.has(e.id) && e.status !== 'running' && e.status !== 'new' && e.status !== 'waiting')
				.sort((a, b) => Number(a.id) - Number(b.id));
			if (fresh.length > 0) return fresh[0];
			if (Date.now() > deadline) throw new Error(`no new finished execution of workflow ${workflowId} within ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 200));
		}
	}

	async execution(id: string): Promise<ExecutionSummary> {
		return await this.request('GET', `/executions/${id}?includeData=true`);
	}

	/** Polls until `count` executions of the workflow have finished (success or error). */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 30_000): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const all = await this.executions(workflowId);
			const done = all.filter((e) => e.status !== 'running' && e.status !== 'new' && e.status !== 'waiting');
			if (done.length >= count) return done.sort((a, b) => Number(a.id) - Number(b.id));
			if (Date.now() > deadline) {
				throw new Error(`expected ${count} finished executions of workflow ${workflowId}, found ${done.length} (${all.length} in all)`);
			}
			await new Promise((r) => setTimeout(r, 200));
		}
	}

	/** Production webhook URL of a trigger: /webhook/<webhookId>/<path>. */
	webhookUrl(webhookId: string, path: string): string {
		return `${this.baseUrl}/webhook/${webhookId}/${path}`;
	}

	/** Credential types n8n has loaded (needs the logged-in session, not the API key). */
	async credentialTypes(): Promise<Array<{ name: string; displayName: string }>> {
		return await rest(this.baseUrl, this.cookie, 'GET', '/types/credentials.json');
	}

	/**
	 * The fields the editor shows in a node's resource mapper: the same request the editor makes
	 * (`path` e.g. `parameters.templateParameters`, `credentials` as saved on the node).
	 */
	async resourceMapperFields(request: {
		nodeType: string;
		version: number;
		path: string;
		methodName: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
	}): Promise<Array<{ id: string; displayName: string; required: boolean; type?: string }>> {
		const answer = await rest<{ data: { fields: Array<{ id: string; displayName: string; required: boolean; type?: string }> } }>(
			this.baseUrl,
			this.cookie,
			'POST',
			'/rest/dynamic-node-parameters/resource-mapper-fields',
			{
				nodeTypeAndVersion: { name: request.nodeType, version: request.version },
				path: request.path,
				methodName: request.methodName,
				currentNodeParameters: request.parameters,
				credentials: request.credentials,
			},
		);
		return answer.data.fields;
	}

	/**
	 * What the editor's resource locator shows: n8n runs the node's listSearch method with the
	 * node's credential, as when a user opens the list (needs the logged-in session).
	 */
	async listSearch(request: {
		nodeType: string;
		version: number;
		parameter: string;
		methodName: string;
		parameters: Record<string, unknown>;
		credentials: Record<string, { id: string; name: string }>;
		filter?: string;
		paginationToken?: string;
	}): Promise<{ results: Array<{ name: string; value: string; url?: string }>; paginationToken?: string }> {
		const answer = await rest<{ data: { results: Array<{ name: string; value: string; url?: string }>; paginationToken?: string } }>(
			this.baseUrl,
			this.cookie,
			'POST',
			'/rest/dynamic-node-parameters/resource-locator-results',
			{
				path: `parameters.${request.parameter}`,
				nodeTypeAndVersion: { name: request.nodeType, version: request.version },
				currentNodeParameters: request.parameters,
				credentials: request.credentials,
				methodName: request.methodName,
				filter: request.filter,
				paginationToken: request.paginationToken,
			},
		);
		return answer.data;
	}

	/** Node types n8n has loaded (needs the logged-in session, not the API key). */
	async nodeTypes(): Promise<Array<{ name: string; displayName: string }>> {
		return await rest(this.baseUrl, this.cookie, 'GET', '/types/nodes.json');
	}
}

/**
 * fetch, but a request that fails on the socket is tried once more when that is safe: n8n
 * closes idle keep-alive connections after 5 s, and a request that races that close fails with
 * "other side closed". A GET is always safe to repeat; any other method only when n8n closed
 * the connection without answering (it closed an idle connection, it did not read the request).
 */
async function fetchRetryingIdempotent(url: string, init: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (error) {
		if ((init.method ?? 'GET') !== 'GET' && !closedIdleConnection(error)) throw error;
		return await fetch(url, init);
	}
}

function closedIdleConnection(error: unknown): boolean {
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	return cause?.code === 'UND_ERR_SOCKET' && cause.message === 'other side closed';
}

async function rest<T>(baseUrl: string, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetchRetryingIdempotent(`${baseUrl}${path}`, {
		method,
		headers: { cookie, 'content-type': 'application/json', 'browser-id': 'chatflow-cli' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`n8n ${method} ${path}: ${response.status} ${text}`);
	return JSON.parse(text) as T;
}
