import { filterEvents } from './filter';
import { flattenMessaging } from './messenger';
import { checkBodySize, parseJsonBody } from './parse';
import type { Channel, ChatEvent, PipelineOptions, PipelineResult, WebhookRequest } from './types';
import { verifySignature } from './verify';
import { isViberWebhookCheck, normaliseViber, VIBER_BIG_INTEGER_FIELDS } from './viber';
import { flattenWhatsApp } from './whatsapp';

/** The `object` each Meta channel's deliveries carry. */
export const META_OBJECT: Record<Exclude<Channel, 'viber'>, string> = {
	whatsapp: 'whatsapp_business_account',
	messenger: 'page',
	instagram: 'instagram',
};

/**
 * verify → parse → flatten → normalise → filter, as one pure function of the request. It never
 * throws: every outcome is an HTTP status with a short body and, when something was refused or
 * ignored, a reason for the log. De-duplication (needs the store) and emitting (needs n8n) are
 * the trigger's next steps: `deduplicate()` then `emit`.
 */
export function runPipeline(request: WebhookRequest, options: PipelineOptions): PipelineResult {
	try {
		return run(request, options);
	} catch (error) {
		// A bug in a normaliser must not crash the webhook; 500 makes the platform redeliver.
		return refuse(500, `could not process the payload: ${(error as Error).message}`);
	}
}

function run(request: WebhookRequest, options: PipelineOptions): PipelineResult {
	const sizeProblem = checkBodySize(request.rawBody, options.maxBodyBytes);
	if (sizeProblem && !sizeProblem.ok) return refuse(sizeProblem.status, sizeProblem.reason);
	const rawBody = request.rawBody as Buffer;

	const verdict = verifySignature(options.channel, request.headers, rawBody, options.secrets);
	if (!verdict.ok) return refuse(verdict.status ?? 403, verdict.reason ?? 'signature rejected');

	const parsed = parseJsonBody(
		request.headers,
		rawBody,
		options.channel === 'viber' ? VIBER_BIG_INTEGER_FIELDS : [],
	);
	if (!parsed.ok) return refuse(parsed.status, parsed.reason);

	const body = parsed.body;
	if (options.channel === 'viber') {
		if (typeof body.event !== 'string') return refuse(400, 'Viber callback without an "event" field');
		if (isViberWebhookCheck(body)) return { status: 200, body: 'OK', events: [], received: 0, handshake: true };
		return accept(normaliseViber(body), options);
	}

	const expected = META_OBJECT[options.channel];
	if (body.object !== expected) {
		// 200, not an error: Meta would redeliver for days. Another object's subscription points here.
		return {
			status: 200,
			body: 'OK',
			events: [],
			received: 0,
			reason: `ignored: object ${JSON.stringify(body.object ?? null)} is not ${expected}`,
		};
	}
	if (!Array.isArray(body.entry)) return refuse(400, 'payload has no entry[] array');
	const events = options.channel === 'whatsapp' ? flattenWhatsApp(body) : flattenMessaging(options.channel, body);
	return accept(events, options);
}

function accept(events: ChatEvent[], options: PipelineOptions): PipelineResult {
	const kept = filterEvents(events, options.filter);
	const result: PipelineResult = { status: 200, body: 'OK', events: kept, received: events.length };
	if (kept.length === 0 && events.length > 0) result.reason = `filtered out all ${events.length} event(s)`;
	return result;
}

function refuse(status: number, reason: string): PipelineResult {
	return { status, body: bodyFor(status), events: [], received: 0, reason };
}

const BODIES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	500: 'Internal Server Error',
};

function bodyFor(status: number): string {
	return BODIES[status] ?? 'Error';
}

