import type { SimulatorConfig } from '../config';

interface ExecutionRow {
	id: string;
	workflowId: string;
	startedAt: string;
	mode: string;
	data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>> } };
}

/** Which event a delivery carried: the execution's trigger output must have this message id (and status). */
export interface DeliveryMatch {
	messageId: string;
	status?: string;
}

const ATTEMPTS_MS = [600, 1500, 4000];

/**
 * Finds the n8n execution a webhook started, through n8n's public API: the first execution
 * started after the delivery by a workflow that has a node with the webhook id in the URL and,
 * when the delivery carried a message or status, whose trigger emitted that message id (a status
 * the trigger filters out starts nothing and gets no link). Nothing is claimed twice.
 */
export class ExecutionFinder {
	private readonly claimed = new Set<string>();

	private readonly webhookIds = new Map<string, string[]>();

	constructor(private readonly config: SimulatorConfig) {}

	link(startedMs: number, targetUrl: string, found: (url: string) => void, match?: DeliveryMatch): void {
		const { url, apiKey } = this.config.n8n;
		if (!url || !apiKey) return;
		let attempt = 0;
		const tryOnce = async () => {
			const id = await this.find(startedMs, targetUrl, match).catch(() => undefined);
			if (id) {
				found(`${url.replace(/\/+$/, '')}/workflow/${id.workflowId}/executions/${id.id}`);
				return;
			}
			if (++attempt < ATTEMPTS_MS.length) setTimeout(() => void tryOnce(), ATTEMPTS_MS[attempt] - ATTEMPTS_MS[attempt - 1]);
		};
		setTimeout(() => void tryOnce(), ATTEMPTS_MS[0]);
	}

	private async find(startedMs: number, targetUrl: string, match?: DeliveryMatch): Promise<ExecutionRow | undefined> {
		const rows = (await this.api<{ data: ExecutionRow[] }>('/executions?limit=25&includeData=false')).data;
		const candidates = rows
			.filter((row) => !this.claimed.has(row.id) && Date.parse(row.startedAt) >= startedMs - 250)
			.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
		for (const row of candidates) {
			const ids = await this.workflowWebhookIds(row.workflowId);
			if (!ids.some((id) => targetUrl.includes(id))) continue;
			if (match && !(await this.carries(row.id, match))) continue;
			this.claimed.add(row.id);
			return row;
		}
		return undefined;
	}

	/** Whether the execution's first node (the trigger) emitted the delivered event. */
	private async carries(executionId: string, match: DeliveryMatch): Promise<boolean> {
		const execution = await this.api<ExecutionRow>(`/executions/${executionId}?includeData=true`);
		const runData = execution.data?.resultData?.runData ?? {};
		const first = Object.values(runData)[0]?.[0]?.data?.main?.[0] ?? [];
		return first.some(({ json }) => json.messageId === match.messageId && (!match.status || json.status === match.status));
	}

	private async workflowWebhookIds(workflowId: string): Promise<string[]> {
		const cached = this.webhookIds.get(workflowId);
		if (cached) return cached;
		const workflow = await this.api<{ nodes: Array<{ webhookId?: string; parameters?: { path?: string } }> }>(`/workflows/${workflowId}`);
		const ids = workflow.nodes.flatMap((node) => [node.webhookId, node.parameters?.path]).filter((id): id is string => typeof id === 'string' && id.length > 8);
		this.webhookIds.set(workflowId, ids);
		return ids;
	}

	private async api<T>(path: string): Promise<T> {
		const response = await fetch(`${this.config.n8n.url.replace(/\/+$/, '')}/api/v1${path}`, {
			headers: { 'x-n8n-api-key': this.config.n8n.apiKey, accept: 'application/json' },
			signal: AbortSignal.timeout(5000),
		});
		if (!response.ok) throw new Error(`n8n API ${path}: ${response.status}`);
		return (await response.json()) as T;
	}
}
