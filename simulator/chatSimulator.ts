import { performance } from 'node:perf_hooks';

import { Journal } from './chat/journal';
import { installOutbound } from './chat/outbound';
import { StatusEmitter } from './chat/statuses';
import { mergeConfig, type SimulatorConfig } from './config';
import { ContactBook } from './chat/contacts';
import type { SimulatorContext } from './context';
import { seedConfiguredFlows } from './flows/exchange';
import { installPage } from './page/routes';
import { FakePlatform } from './platform/fakePlatform';
import type { RecordedRequest, ScriptedResponse } from './platform/types';
import { ErrorInjector } from './businessAccount/errors';
import { MediaStore } from './businessAccount/media';
import { installSubscriptions, learnViberWebhook } from './businessAccount/subscriptions';
import { installAccounts, installTemplates } from './businessAccount/templates';
import { WebhookSender } from './webhooks/sender';

/**
 * The chat simulator: the tests' fake platform (Graph API + Viber on loopback) plus what a person
 * on a phone adds: conversations, delivery statuses and inbound messages sent as signed webhooks,
 * media, templates and Flows from a config file, error injection, and the chat page with its
 * preview log, all on one port.
 *
 *   const simulator = await ChatSimulator.start(loadConfig());
 *   simulator.url   // open it in a browser; put it into the credentials' Base URL fields
 */
export class ChatSimulator {
	private constructor(
		readonly context: SimulatorContext,
		private readonly timers: Set<NodeJS.Timeout>,
		private readonly running: Set<Promise<void>>,
		private readonly stop: { closed: boolean },
	) {}

	static async start(config: SimulatorConfig | Partial<SimulatorConfig> = {}): Promise<ChatSimulator> {
		const full = 'business' in config && 'webhooks' in config && 'statuses' in config ? (config as SimulatorConfig) : mergeConfig(config);
		const journal = new Journal();
		const timers = new Set<NodeJS.Timeout>();
		// Work already under way when close() is called (a status webhook in flight) finishes before
		// close() returns and schedules nothing more: nothing reaches a webhook after the simulator stops.
		const running = new Set<Promise<void>>();
		const stop = { closed: false };
		let context: SimulatorContext | undefined;
		const platform = await FakePlatform.start({
			port: full.port,
			maxRecorded: 2000,
			onAnswer: (request, response) => {
				if (context) observe(context, request, response);
			},
		});
		context = {
			config: full,
			platform,
			journal,
			webhooks: new WebhookSender(full, journal),
			media: new MediaStore(platform),
			errors: new ErrorInjector(),
			contacts: new ContactBook(full.contacts, (contact) => journal.append({ type: 'contact', contact: { ...contact } })),
			later(ms, run) {
				if (stop.closed) return;
				const timer = setTimeout(() => {
					timers.delete(timer);
					const work: Promise<void> = Promise.resolve()
						.then(run)
						.catch((error: unknown) => void journal.log({ kind: 'note', method: 'ERROR', target: 'simulator', status: 'error', summary: String(error) }))
						.finally(() => running.delete(work));
					running.add(work);
				}, ms);
				timers.add(timer);
			},
		};
		const statuses = new StatusEmitter(context);
		context.media.install();
		installTemplates(context);
		installAccounts(context);
		installSubscriptions(context);
		installOutbound(context, statuses);
		installPage(context, statuses);
		seedConfiguredFlows(context);
		return new ChatSimulator(context, timers, running, stop);
	}

	get url(): string {
		return this.context.platform.url;
	}

	get journal(): Journal {
		return this.context.journal;
	}

	get platform(): FakePlatform {
		return this.context.platform;
	}

	async close(): Promise<void> {
		this.stop.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		await Promise.allSettled([...this.running]);
		this.context.journal.release();
		await this.context.platform.close();
	}
}

/** Every API call a node makes shows in the preview log (the page's own calls do not). */
function observe(ctx: SimulatorContext, request: RecordedRequest, response: ScriptedResponse): void {
	if (request.path === '/' || request.path.startsWith('/_sim/')) return;
	learnViberWebhook(ctx, request, response.json);
	const status = response.status ?? 200;
	const json = response.json ?? tryJson(response.body);
	const viberStatus = (json as { status?: number } | undefined)?.status;
	ctx.journal.log({
		kind: 'api',
		channel: channelOfPath(ctx, request),
		method: request.method,
		target: request.path + (Object.keys(request.query).length ? `?${new URLSearchParams(redactQuery(request.query))}` : ''),
		status: typeof viberStatus === 'number' && status === 200 && !request.path.startsWith('/v') ? `${status} (viber ${viberStatus})` : status,
		latencyMs: Math.round((performance.now() - request.receivedAt) * 10) / 10,
		summary: summarise(request),
		request: request.json ?? (request.body.length ? `${request.body.length} bytes (${String(request.headers['content-type'] ?? '')})` : undefined),
		response: json,
	});
}

function channelOfPath(ctx: SimulatorContext, request: RecordedRequest) {
	if (!request.path.startsWith('/v')) return 'viber' as const;
	const body = (request.json ?? {}) as { messaging_product?: string; recipient?: { id?: string } };
	if (body.recipient?.id) return ctx.contacts.channelOfScopedId(body.recipient.id) ?? 'messenger';
	return 'whatsapp' as const;
}

function summarise(request: RecordedRequest): string {
	const body = (request.json ?? {}) as Record<string, unknown>;
	if (typeof body.type === 'string') {
		const interactive = (body.interactive as { type?: string } | undefined)?.type;
		return `send ${body.type}${interactive ? ` (${interactive})` : ''}`;
	}
	if (body.status === 'read') return 'mark as read';
	if (typeof body.sender_action === 'string') return body.sender_action;
	const message = body.message as { text?: string; quick_replies?: unknown[]; attachment?: { type?: string; payload?: { template_type?: string } } } | undefined;
	if (message) {
		const what = message.attachment ? `${message.attachment.type}${message.attachment.payload?.template_type ? ` (${message.attachment.payload.template_type})` : ''}` : 'text';
		return `send ${what}${message.quick_replies ? ' + quick replies' : ''}`;
	}
	return `${request.method} ${request.path.split('/').slice(-1)[0]}`;
}

function redactQuery(query: Record<string, string>): Record<string, string> {
	const copy = { ...query };
	if (copy.access_token) copy.access_token = '***';
	return copy;
}

function tryJson(body: string | Buffer | undefined): unknown {
	if (body === undefined) return undefined;
	try {
		return JSON.parse(body.toString());
	} catch {
		return undefined;
	}
}
