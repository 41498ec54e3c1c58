import { signRequestBody, signViberBody } from '../../nodes/shared/webhook/signature';
import type { Journal } from '../chat/journal';
import type { ChannelName, SimulatorConfig } from '../config';
import { ExecutionFinder, type DeliveryMatch } from './executions';

export interface Delivery {
	status: number | 'not sent' | 'network error';
	latencyMs: number;
	body: string;
}

/**
 * Sends webhooks the way the platforms do: the raw bytes signed with HMAC-SHA256 (Meta:
 * `X-Hub-Signature-256: sha256=<hex>` with the app secret; Viber: `X-Viber-Content-Signature:
 * <hex>` with the auth token), logged with status and latency, and linked to the n8n execution
 * they started when the simulator knows n8n's API.
 */
export class WebhookSender {
	private readonly executions: ExecutionFinder;

	constructor(
		private readonly config: SimulatorConfig,
		private readonly journal: Journal,
	) {
		this.executions = new ExecutionFinder(config);
	}

	async send(channel: ChannelName, body: string | Record<string, unknown>, summary: string, match?: DeliveryMatch): Promise<Delivery> {
		const target = this.config.webhooks[channel];
		const raw = typeof body === 'string' ? body : JSON.stringify(body);
		if (!target.url) {
			this.journal.log({ kind: 'webhook', channel, method: 'POST', target: '(no webhook URL set)', status: 'not sent', summary, request: JSON.parse(raw) });
			return { status: 'not sent', latencyMs: 0, body: '' };
		}
		const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': userAgent(channel) };
		if (target.secret) {
			if (channel === 'viber') headers['x-viber-content-signature'] = signViberBody(raw, target.secret);
			else headers['x-hub-signature-256'] = signRequestBody(raw, target.secret);
		}
		const started = Date.now();
		let delivery: Delivery;
		try {
			const response = await fetch(target.url, { method: 'POST', headers, body: raw, signal: AbortSignal.timeout(20_000) });
			delivery = { status: response.status, latencyMs: Date.now() - started, body: await response.text() };
		} catch (error) {
			delivery = { status: 'network error', latencyMs: Date.now() - started, body: (error as Error).message };
		}
		const entry = this.journal.log({
			kind: 'webhook',
			channel,
			method: 'POST',
			target: target.url,
			status: delivery.status,
			latencyMs: delivery.latencyMs,
			summary,
			request: JSON.parse(raw),
			response: delivery.body.slice(0, 2000),
		});
		if (delivery.status === 200) this.linkExecution(started, target.url, entry.id, match);
		return delivery;
	}

	/** Adds the link to the n8n execution a request to `url` started to log entry `logId`, once found. */
	linkExecution(startedMs: number, url: string, logId: number, match?: DeliveryMatch): void {
		this.executions.link(startedMs, url, (executionUrl) => this.journal.linkExecution(logId, executionUrl), match);
	}
}

function userAgent(channel: ChannelName): string {
	return channel === 'viber' ? 'Viber-Chatflow-Simulator' : 'facebookexternalua';
}
