/**
 * The Conversation node's "Wait for Reply": register the contact's wait, put the execution to
 * wait (n8n's own mechanism, see docs/conversations.md), and on resume decide which output the
 * reply goes to. Outputs: 0 Reply, 1 Timed Out, 2 Not Accepted.
 */
import {
	NodeOperationError,
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import type { ChatEvent } from '../ingestion';
import type { AtomicStore } from '../store/atomic';
import { contactFields, contactKey, contactOf, type ContactRef } from './contact';
import { rememberContact, resolveContact } from './contactFromContext';
import type { ResumeBody } from './route';
import { conversationRedisCredentials, openConversationStore } from './store';
import { accepts, registerWait, type AcceptRule, type WaitRecord } from './waitRegistry';

export const OUTPUT = { reply: 0, timedOut: 1, notAccepted: 2 } as const;

const UNIT_MS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export interface WaitSettings {
	timeoutMs: number;
	accept: AcceptRule;
	whenNotAccepted: 'branch' | 'passThrough' | 'keepWaiting';
	maxRetries: number;
}

export function readWaitSettings(get: (name: string, fallback: unknown) => unknown): WaitSettings {
	const amount = Number(get('timeout', 0));
	const unit = String(get('timeoutUnit', 'minutes'));
	const list = (value: unknown) =>
		(Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,]+/)).map((s) => s.trim()).filter(Boolean);
	const mode = String(get('whenNotAccepted', 'branch'));
	return {
		timeoutMs: amount > 0 ? amount * (UNIT_MS[unit] ?? UNIT_MS.minutes) : 0,
		accept: { types: list(get('acceptTypes', [])), replyIds: list(get('acceptReplyIds', '')) },
		whenNotAccepted: mode === 'passThrough' || mode === 'keepWaiting' ? mode : 'branch',
		maxRetries: Math.max(0, Math.floor(Number(get('maxRetries', 3)))),
	};
}

export async function executeWaitForReply(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	if (items.length === 0) return [[], [], []];
	const settings = readWaitSettings((name, fallback) => ctx.getNodeParameter(name, 0, fallback));
	if (settings.timeoutMs < 0 || !Number.isFinite(settings.timeoutMs)) {
		throw new NodeOperationError(ctx.getNode(), 'Timeout: must be 0 (no limit) or a positive number');
	}
	// One execution can wait for one contact: n8n resumes the whole execution at once.
	const contact = resolveContact(ctx, 0);
	for (let i = 1; i < items.length; i++) {
		const other = resolveContact(ctx, i);
		if (contactKey(other) !== contactKey(contact)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Contact: items 0 and ${i} belong to different contacts; one execution can wait for one contact (split them with "Loop Over Items" or a sub-workflow)`,
				{ itemIndex: i },
			);
		}
	}

	rememberContact(ctx, contact);

	const executionId = ctx.getExecutionId();
	const resumeUrl = String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0));
	const now = Date.now();
	const record: WaitRecord = {
		executionId,
		resumeUrl,
		nodeName: ctx.getNode().name,
		contact,
		accept: settings.accept,
		registeredAt: now,
		...(settings.timeoutMs > 0 ? { expiresAt: now + settings.timeoutMs } : {}),
	};

	// On timeout n8n resumes the execution with this node disabled, which forwards the node's
	// stack input: make that input the "Timed Out" output (see docs/conversations.md).
	const timedOut: INodeExecutionData[] = items.map((_, index) => ({
		json: timeoutJson(contact, 'timeout', record),
		pairedItem: { item: index },
	}));
	const executeData = ctx.getExecuteData();
	executeData.data = { main: [[], timedOut, []] };
	ctx.setMetadata({ forwardAllOutputs: true } as IDataObject);
	// n8n re-pairs forwarded items as "item i of input k" for output k; give inputs 1 and 2 the
	// same source as input 0, so $('Trigger').item still resolves after Timed Out / Not Accepted.
	const source = executeData.source?.main?.[0];
	if (source) executeData.source = { main: [source, source, source] };

	const store = openConversationStore(await conversationRedisCredentials(ctx));
	await registerWait(store, record);
	await ctx.putExecutionToWait(settings.timeoutMs > 0 ? new Date(now + settings.timeoutMs) : WAIT_INDEFINITELY);
	return [items];
}

/** The webhook n8n calls when the trigger POSTs a reply (or a keyword cancellation). */
export async function resumeWaitForReply(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const body = ctx.getBodyData() as Partial<ResumeBody>;
	const event = body.event as ChatEvent | undefined;
	if (!event || !contactOf(event) || (body.chatflowConversation !== 'reply' && body.chatflowConversation !== 'cancel')) {
		// Leaves the execution waiting: only the chatflow trigger's POST may resume it.
		return { webhookResponse: { resumed: false, reason: 'not a chatflow conversation message' } };
	}
	if (body.chatflowConversation === 'cancel') {
		// A keyword restarted the conversation elsewhere: end this execution quietly.
		return { webhookResponse: { resumed: true, cancelled: true }, workflowData: [[], [], []] };
	}

	const settings = readWaitSettings((name, fallback) => ctx.getNodeParameter(name, fallback));
	const wait = body.wait as WaitRecord | undefined;
	const retries = { store: await storeOf(ctx), key: `retries:${wait?.executionId ?? ''}:${encodeURIComponent(ctx.getNode().name)}` };
	const paired = { item: 0 };
	if (accepts(settings.accept, event)) {
		await retryCounter(retries, 'reset');
		return { webhookResponse: { resumed: true }, workflowData: [[{ json: event, pairedItem: paired }], [], []] };
	}
	if (settings.whenNotAccepted === 'passThrough') {
		return {
			webhookResponse: { resumed: true, accepted: false },
			workflowData: [[{ json: { ...event, accepted: false }, pairedItem: paired }], [], []],
		};
	}
	const attempt = await retryCounter(retries, 'increment');
	if (attempt > settings.maxRetries) {
		await retryCounter(retries, 'reset');
		const contact = contactOf(event)!;
		return {
			webhookResponse: { resumed: true, accepted: false },
			workflowData: [[], [{ json: { ...timeoutJson(contact, 'maxRetries'), lastReply: event }, pairedItem: paired }], []],
		};
	}
	if (settings.whenNotAccepted === 'keepWaiting') {
		// Put the wait back (the trigger claimed it), keeping its original deadline.
		const now = Date.now();
		if (wait?.resumeUrl && !(wait.expiresAt !== undefined && wait.expiresAt <= now)) {
			await registerWait(retries.store, { ...wait, registeredAt: now });
		}
		return { webhookResponse: { resumed: false, accepted: false, attempt } };
	}
	return {
		webhookResponse: { resumed: true, accepted: false },
		workflowData: [[], [], [{ json: { ...event, accepted: false, attempt, retriesLeft: settings.maxRetries - attempt }, pairedItem: paired }]],
	};
}

function timeoutJson(contact: ContactRef, reason: 'timeout' | 'maxRetries', record?: WaitRecord): IDataObject {
	return {
		timedOut: true,
		reason,
		channel: contact.channel,
		accountId: contact.accountId,
		contact: contactFields(contact),
		...(record ? { waitingSince: new Date(record.registeredAt).toISOString() } : {}),
		...(record?.expiresAt ? { timedOutAt: new Date(record.expiresAt).toISOString() } : {}),
	};
}

async function storeOf(ctx: IWebhookFunctions) {
	return openConversationStore(await conversationRedisCredentials(ctx));
}

/** Consecutive not-accepted replies of this wait (per execution and node, kept in the store). */
async function retryCounter(counter: { store: AtomicStore; key: string }, action: 'increment' | 'reset'): Promise<number> {
	if (action === 'reset') {
		await counter.store.delete(counter.key);
		return 0;
	}
	const next = await counter.store.update(counter.key, (current) => String((Number(current) || 0) + 1), 7 * 86_400_000);
	return Number(next);
}
