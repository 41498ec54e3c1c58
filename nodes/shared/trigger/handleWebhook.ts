import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { routeTriggerEvents } from '../conversation';
import { openStore } from '../store';
import { deduplicate } from '../ingestion/dedupe';
import { answerMetaHandshake } from './handshake';
import { checkWithWebhookCredential } from '../webhook/credentialCache';
import { rawRequestBody } from '../webhook/rawBody';
import { runPipeline } from '../ingestion/pipeline';
import { NO_CONTACT_ID } from '../ingestion/whatsAppPeople';
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
 * answer, routing to waiting executions (the conversation engine's `routeTriggerEvents`),
 * optional media download, emit. Never throws (n8n would start an execution with the error):
 * whatever happens ends in an HTTP status and, when something was refused, a log line.
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
	const unnamed = result.events.filter((event) => event.errors?.some((error) => error.code === NO_CONTACT_ID)).length;
	if (unnamed) log(ctx, channel, 'warn', `${unnamed} event(s) name no contact (no phone number, no business-scoped user id): emitted, but they cannot be answered`);

	const fresh = await dropDuplicates(ctx, channel, settings, result.events);
	if (fresh.length === 0) return answer(ctx, 200, result.body);
	return await emit(ctx, settings, fresh, credentials);
}

async function dropDuplicates(
	ctx: IWebhookFunctions,
	channel: Channel,
	settings: TriggerSettings,
	events: ChatEvent[],
): Promise<ChatEvent[]> {
	const redis = await redisCredentials(ctx);
	const store = openStore(redis, 'dedupe:');
	const scope = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}:`;
	const outcome = await deduplicate(events, store, settings.dedupeWindowMs, scope);
	if (outcome.storeError) {
		log(ctx, channel, 'warn', `de-duplication store failed, events pass unchecked: ${outcome.storeError.message}`);
	}
	if (outcome.duplicates) log(ctx, channel, 'debug', `dropped ${outcome.duplicates} redelivered event(s)`);
	return outcome.fresh;
}

/**
 * The seam after de-duplication: answer the platform, route replies to waiting executions and
 * keywords (nodes/shared/conversation), then hand the remaining events to the workflow.
 */
async function emit(
	ctx: IWebhookFunctions,
	settings: TriggerSettings,
	events: ChatEvent[],
	credentials: IDataObject,
): Promise<IWebhookResponseData> {
	const welcome = settings.welcome && events.some((event) => event.event === 'conversation_started');
	if (welcome) {
		const sender: IDataObject = { name: String(credentials.senderName ?? '').slice(0, 28) };
		if (credentials.senderAvatar) sender.avatar = String(credentials.senderAvatar);
		answer(ctx, 200, { sender, ...settings.welcome });
	} else {
		answer(ctx, 200, 'OK');
	}
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
	if (fresh.length === 0) return { noWebhookResponse: true };
	const items: INodeExecutionData[] = fresh.map((event) => ({ json: event }));
	if (settings.downloadMedia) {
		const hasWhatsApp = (await optionalCredentials(ctx, 'chatflowWhatsAppApi')) !== undefined;
		await attachMedia(ctx, items, settings.binaryProperty, hasWhatsApp);
	}
	return { noWebhookResponse: true, workflowData: [items] };
}

function log(ctx: IWebhookFunctions, channel: Channel, level: 'debug' | 'warn' | 'error', message: string): void {
	ctx.logger[level](`${LABEL[channel]}: ${message}`, { workflowId: ctx.getWorkflow().id, node: ctx.getNode().name });
}
