import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

import { CHANNELS, type ChannelName } from '../config';
import type { SimulatorContext } from '../context';
import { receiveFromContact } from '../chat/inbound';
import type { StatusEmitter } from '../chat/statuses';
import { exchange, viewFlow, type ExchangeRequest } from '../flows/exchange';
import { KNOWN_ERRORS } from '../businessAccount/errors';
import { fakeFlowMedia } from '../platform/flowMedia';
import type { ScriptedResponse } from '../platform/types';
import type { UserInput } from '../webhooks/payloads';
import { bad, bodyOf } from './http';
import { installWhatsAppActions } from './whatsAppRoutes';

/**
 * The chat page and its small JSON API under `/_sim/` (no clash with Graph or Viber paths):
 * the page loads `state`, long-polls `events`, and posts what the contact does.
 */

const PAGE_DIR = __dirname;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
const STATIC = new Set(['app.js', 'flow.js', 'flowComponents.js', 'flowExpressions.js', 'flowValidation.js', 'richText.js', 'render.js', 'format.js', 'whatsAppActions.js', 'style.css']);

export function installPage(ctx: SimulatorContext, statuses: StatusEmitter): void {
	const { platform } = ctx;
	platform.on('GET', '/', () => file('index.html'));
	platform.on('GET', '/_sim/static/:name', (_request, params) => (STATIC.has(params.name) ? file(params.name) : { status: 404, body: 'not found' }));

	platform.on('GET', '/_sim/api/state', () => ({ json: state(ctx) }));
	platform.on('GET', '/_sim/api/events', async (request) => {
		const [channel, ...rest] = (request.query.view ?? '').split(':');
		if (channel && rest.length) statuses.viewing(channel, rest.join(':'));
		const since = Number(request.query.since ?? 0);
		const entries = await ctx.journal.wait(since, Math.min(Number(request.query.wait ?? 25_000), 25_000));
		// The position the page has read up to is that of the last entry it gets, not the journal's
		// end: entries appended since `wait` returned come with the next poll.
		return { json: { seq: entries.length ? entries[entries.length - 1].seq : since, entries } };
	});

	platform.on('POST', '/_sim/api/send', async (request) => {
		const body = bodyOf<{ channel: ChannelName; contactId: string; input: UserInput }>(request);
		if (!CHANNELS.includes(body.channel) || !body.contactId || !body.input?.kind) return bad('channel, contactId and input are required');
		const message = await receiveFromContact(ctx, body.channel, body.contactId, body.input);
		return { json: { id: message.id, status: message.status, error: message.error } };
	});

	installWhatsAppActions(ctx);

	platform.on('POST', '/_sim/api/upload', (request) => {
		if (request.body.length === 0) return bad('send the file bytes as the body');
		const mimeType = String(request.headers['content-type'] ?? 'application/octet-stream');
		const fileName = decodeURIComponent(String(request.headers['x-file-name'] ?? 'image.jpg'));
		const media = ctx.media.add(Buffer.from(request.body), mimeType, fileName);
		return { json: { mediaId: media.id, url: ctx.media.url(media.id), mimeType, sha256: media.sha256, size: media.bytes.length, fileName } };
	});

	platform.on('GET', '/_sim/api/flows/:ref', (_request, params) => {
		const flow = viewFlow(ctx, params.ref);
		return flow ? { json: flow } : { status: 404, json: { error: `no Flow with id or name "${params.ref}" (define it in the simulator config or create it through the Flows API)` } };
	});
	platform.on('POST', '/_sim/api/flows/exchange', async (request) => ({ json: await exchange(ctx, bodyOf<ExchangeRequest>(request)) }));
	// A file the contact attaches in a PhotoPicker or DocumentPicker: encrypted and put on the CDN
	// as WhatsApp does; the answer is the picker's value (media_id, cdn_url, file_name, encryption_metadata).
	platform.on('POST', '/_sim/api/flows/media', (request) => {
		if (request.body.length === 0) return bad('send the file bytes as the body');
		const fileName = decodeURIComponent(String(request.headers['x-file-name'] ?? 'file'));
		return { json: fakeFlowMedia(platform).upload(Buffer.from(request.body), fileName) };
	});
	platform.on('POST', '/_sim/api/flows/complete', async (request) => {
		const body = bodyOf<{ contactId: string; replyTo?: string; response: Record<string, unknown>; masked?: unknown }>(request);
		if (!body.contactId || typeof body.response !== 'object') return bad('contactId and response are required');
		const masked = Array.isArray(body.masked) ? body.masked.filter((key): key is string => typeof key === 'string') : [];
		const message = await receiveFromContact(ctx, 'whatsapp', body.contactId, { kind: 'flow', responseJson: JSON.stringify(body.response), replyTo: body.replyTo, ...(masked.length ? { masked } : {}) });
		return { json: { id: message.id, status: message.status } };
	});

	platform.on('GET', '/_sim/api/errors', () => ({ json: { pending: ctx.errors.pending, known: KNOWN_ERRORS } }));
	platform.on('POST', '/_sim/api/errors', (request) => {
		const body = bodyOf<{ channel: ChannelName; code: number; times?: number }>(request);
		try {
			const pending = ctx.errors.inject(body.channel, Number(body.code), body.times ?? 1);
			ctx.journal.log({ kind: 'note', channel: body.channel, method: 'INJECT', target: body.channel, status: body.code, summary: `next ${pending.remaining} ${body.channel} send(s) get error ${body.code}` });
			return { json: { pending: ctx.errors.pending } };
		} catch (error) {
			return bad((error as Error).message);
		}
	});
	platform.on('DELETE', '/_sim/api/errors', () => {
		ctx.errors.clear();
		return { json: { pending: [] } };
	});

	platform.on('GET', '/_sim/api/webhooks', () => ({ json: { webhooks: webhookState(ctx) } }));
	platform.on('POST', '/_sim/api/webhooks', (request) => {
		const body = bodyOf<{ channel: ChannelName; url?: string; secret?: string }>(request);
		if (!CHANNELS.includes(body.channel)) return bad(`channel must be one of ${CHANNELS.join(', ')}`);
		const target = ctx.config.webhooks[body.channel];
		if (typeof body.url === 'string') target.url = body.url.trim();
		if (typeof body.secret === 'string' && body.secret) target.secret = body.secret;
		return { json: state(ctx) };
	});
}

function state(ctx: SimulatorContext): Record<string, unknown> {
	const { config } = ctx;
	return {
		business: config.business,
		contacts: ctx.contacts.all(),
		webhooks: webhookState(ctx),
		templates: config.templates,
		statuses: config.statuses,
		n8nUrl: config.n8n.url,
		errors: { pending: ctx.errors.pending, known: KNOWN_ERRORS },
		seq: ctx.journal.last,
		entries: ctx.journal.since(0),
	};
}

/** Which channels can deliver, and where; secrets stay on the server. */
function webhookState({ config }: SimulatorContext): Record<ChannelName, { url: string; signed: boolean }> {
	return Object.fromEntries(CHANNELS.map((channel) => [channel, { url: config.webhooks[channel].url, signed: Boolean(config.webhooks[channel].secret) }])) as Record<ChannelName, { url: string; signed: boolean }>;
}

const cache = new Map<string, Buffer>();

function file(name: string): ScriptedResponse {
	let bytes = cache.get(name);
	if (!bytes || process.env.CHATFLOW_SIMULATOR_NO_CACHE) {
		bytes = readFileSync(join(PAGE_DIR, name));
		cache.set(name, bytes);
	}
	return { body: bytes, headers: { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream', 'cache-control': 'no-cache' } };
}
