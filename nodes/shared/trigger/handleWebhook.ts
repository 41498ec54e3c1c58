import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { routeTriggerEvents } from '../conversation';
import { openStore } from '../store';
import { deduplicate, HANDOVER_MS, type DedupeResult, type DeliveryClaims } from '../ingestion/dedupe';
import { settleClaims, settleWhenAnswered } from './handover';
import { answerMetaHandshake } from './handshake';
import { checkWithWebhookCredential } from '../webhook/credentialCache';
import { rawRequestBody } from '../webhook/rawBody';
import { runPipeline } from '../ingestion/pipeline';
import { MALFORMED_CONTACT_ID, NO_CONTACT_ID } from '../ingestion/whatsAppPeople';
import type { Channel, ChatEvent } from '../ingestion/types';
import { keepFlowJourney } from './flowJourney';
import { attachMedia } from './media';
import { answer } from './respond';
import { optionalCredentials, readSettings, redisCredentials, type TriggerSettings } from './settings';

const LABEL: Record<Channel, string> = {
	whatsapp: 'Chatflow WhatsApp Trigger',
	messenger: 'Chatflow Messenger Trigger',
	instagram: 'Chatflow Instagram Trigger',
	viber: 'Chatflow Viber Trigger',
};

/**
 * The whole `webhook()` of every chatflow trigger: handshake, pipeline, de-duplication,
 * routing to waiting executions (the conversation engine's `routeTriggerEvents`), optional
 * media download, emit; the platform's 200 comes once the events are in n8n's hands. Never
 * throws (n8n would start an execution with the error): whatever happens ends in an HTTP status
 * and, when something was refused, a log line.
 */
export async function handleTriggerWebhook(this: IWebhookFunctions, channel: Channel): Promise<IWebhookResponseData> {
	try {
		if (this.getWebhookName() === 'setup') return await handshake(this, channel);
		return await receive(this, channel);
	} catch (error) {
		log(this, channel, 'error', `could not handle the webhook: ${(error as Error).message}`);
		// 500 lets the platform redeliver later; nothing was emitted.
		return answer(this, 500, 'Internal Server Error');
	}
}

async function handshake(ctx: IWebhookFunctions, channel: Channel): Promise<IWebhookResponseData> {
	const credentials = await ctx.getCredentials('chatflowMetaAppApi');
	const result = answerMetaHandshake(ctx.getQueryData() as IDataObject, String(credentials.verifyToken ?? ''));
	if (result.reason) log(ctx, channel, 'warn', `refused the verification request (${result.status}): ${result.reason}`);
	return answer(ctx, result.status, result.body);
}

async function receive(ctx: IWebhookFunctions, channel: Channel): Promise<IWebhookResponseData> {
	const settings = readSettings(ctx, channel);
	const secretSource = channel === 'viber' ? 'chatflowViberApi' : 'chatflowMetaAppApi';
	const secretsOf = (data: IDataObject) =>
		channel === 'viber' ? [String(data.authToken ?? '')] : [String(data.appSecret ?? ''), String(data.previousAppSecret ?? '')];

	const { headers } = ctx.getRequestObject();
	const rawBody = await rawRequestBody(ctx);
	const check = (data: IDataObject) =>
		runPipeline({ headers, rawBody }, { channel, secrets: secretsOf(data), maxBodyBytes: settings.maxBodyBytes, filter: settings.filter });
	// A signature that does not match a cached secret (403): the secret may just have been rotated.
	const { result, data: credentials } = await checkWithWebhookCredential(ctx, secretSource, check, (checked) => checked.status === 403);
	if (result.status !== 200) {
		log(ctx, channel, 'warn', `refused a delivery (${result.status}): ${result.reason ?? ''}`);
		return answer(ctx, result.status, result.body);
	}
	if (result.reason) log(ctx, channel, 'debug', result.reason);
	if (result.events.length === 0) return answer(ctx, 200, result.body);
	const unnamed = countWithError(result.events, NO_CONTACT_ID);
	if (unnamed) log(ctx, channel, 'warn', `${unnamed} event(s) name no contact (no phone number, no business-scoped user id): emitted, but they cannot be answered`);
	const malformed = countWithError(result.events, MALFORMED_CONTACT_ID);
	if (malformed) log(ctx, channel, 'warn', `${malformed} event(s) carry an id that is neither a phone number nor a business-scoped user id: emitted without it (see their "errors")`);

	const dedupe = await dropDuplicates(ctx, channel, settings, result.events);
	if (dedupe.storeError && settings.refuseWithoutStore) {
		return answer(ctx, 503, 'the State Store is unreachable; deliver again later', 30);
	}
	if (dedupe.inFlight) {
		// Another delivery of these events holds them and has not handed them to n8n yet (or its
		// process died doing so): dropping this copy could lose them, so the platform delivers
		// it again later. The events this call claimed are released for that delivery.
		await settleClaims(dedupe.claims, false, warner(ctx, channel));
		log(ctx, channel, 'warn', `${dedupe.inFlight} event(s) of this delivery are still being handed to n8n by an earlier delivery; refused (503) so it is delivered again`);
		return answer(ctx, 503, 'an earlier delivery of these events is still being handed to n8n; deliver again later', Math.ceil(HANDOVER_MS / 1000));
	}
	if (dedupe.fresh.length === 0) return answer(ctx, 200, result.body);
	// Whatever goes wrong before the events reach n8n, the next delivery must be able to take them.
	let emitted = false;
	try {
		const response = await emit(ctx, settings, dedupe.fresh, credentials, dedupe.claims);
		emitted = true;
		return response;
	} finally {
		if (!emitted) await settleClaims(dedupe.claims, false, warner(ctx, channel));
	}
}

async function dropDuplicates(ctx: IWebhookFunctions, channel: Channel, settings: TriggerSettings, events: ChatEvent[]): Promise<DedupeResult> {
	const redis = await redisCredentials(ctx);
	const store = openStore(redis, 'dedupe:');
	const scope = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}:`;
	const outcome = await deduplicate(events, store, settings.dedupeWindowMs, scope);
	if (outcome.storeError) {
		const what = settings.refuseWithoutStore ? 'the delivery is refused (503) to be delivered again' : 'events pass unchecked';
		log(ctx, channel, 'warn', `de-duplication store failed, ${what}: ${outcome.storeError.message}`);
	}
	if (outcome.duplicates) log(ctx, channel, 'debug', `dropped ${outcome.duplicates} redelivered event(s)`);
	return outcome;
}

/**
 * The seam after de-duplication: route replies to waiting executions and keywords
 * (nodes/shared/conversation), then hand the remaining events to the workflow. The platform
 * gets its 200 only once every event is in n8n's hands: handed to a waiting execution, or queued
 * as a new execution, which n8n answers for (an `onReceived` webhook that leaves the answer to
 * n8n is answered after the execution is queued). A process that dies before that leaves the
 * delivery unanswered, and the platform delivers it again.
 */
async function emit(
	ctx: IWebhookFunctions,
	settings: TriggerSettings,
	events: ChatEvent[],
	credentials: IDataObject,
	claims: DeliveryClaims,
): Promise<IWebhookResponseData> {
	// Viber shows a welcome only from the answer's body, which n8n cannot send for us: that
	// answer goes out at once, before the execution is queued.
	const welcome = welcomeAnswer(settings, events, credentials);
	if (welcome) answer(ctx, 200, welcome);
	let fresh = await routeTriggerEvents(ctx, events).catch((error: Error) => {
		log(ctx, settings.channel, 'warn', `conversation routing failed, every event starts an execution: ${error.message}`);
		return events;
	});
	// After routing: an execution waiting for this Flow's answer still gets it.
	const journey = settings.channel === 'whatsapp' ? await keepFlowJourney(ctx, fresh) : undefined;
	if (journey) {
		if (journey.problem) log(ctx, settings.channel, 'error', `${journey.problem}; ${journey.dropped} event(s) ignored`);
		else if (journey.dropped) log(ctx, settings.channel, 'debug', `${journey.dropped} event(s) are not answers of this Flow journey`);
		fresh = journey.kept;
	}
	if (fresh.length === 0) {
		await settleClaims(claims, true, warner(ctx, settings.channel));
		return answer(ctx, 200, 'OK');
	}
	const items: INodeExecutionData[] = fresh.map((event) => ({ json: event }));
	if (settings.downloadMedia) {
		const hasWhatsApp = (await optionalCredentials(ctx, 'chatflowWhatsAppApi')) !== undefined;
		await attachMedia(ctx, items, settings.binaryProperty, hasWhatsApp, settings.maxMediaBytes);
	}
	if (welcome) {
		await settleClaims(claims, true, warner(ctx, settings.channel));
		return { noWebhookResponse: true, workflowData: [items] };
	}
	settleWhenAnswered(ctx.getResponseObject(), claims, warner(ctx, settings.channel));
	return { workflowData: [items] };
}

/** Viber's conversation_started may be answered with a welcome message. */
function welcomeAnswer(settings: TriggerSettings, events: ChatEvent[], credentials: IDataObject): IDataObject | undefined {
	const welcome = settings.welcome && events.some((event) => event.event === 'conversation_started');
	if (!welcome) return undefined;
	const sender: IDataObject = { name: String(credentials.senderName ?? '').slice(0, 28) };
	if (credentials.senderAvatar) sender.avatar = String(credentials.senderAvatar);
	return { sender, ...settings.welcome };
}

function countWithError(events: ChatEvent[], code: string): number {
	return events.filter((event) => event.errors?.some((error) => error.code === code)).length;
}

const warner = (ctx: IWebhookFunctions, channel: Channel) => (message: string) => log(ctx, channel, 'warn', message);

function log(ctx: IWebhookFunctions, channel: Channel, level: 'debug' | 'warn' | 'error', message: string): void {
	ctx.logger[level](`${LABEL[channel]}: ${message}`, { workflowId: ctx.getWorkflow().id, node: ctx.getNode().name });
}
