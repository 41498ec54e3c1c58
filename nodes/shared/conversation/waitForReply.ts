/**
 * The Conversation node's "Wait for Reply": register the contact's wait; keep the execution
 * running for the first seconds (`runningWait`), then put it to wait the way n8n does (see
 * docs/conversations.md); on a reply decide which output it goes to. Outputs: 0 Reply, 1 Timed
 * Out, 2 Not Accepted.
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

import { contactKey } from './contact';
import { rememberContact, resolveContact } from './contactFromContext';
import type { ResumeBody } from './route';
import { replyOutcome, timeoutJson, type WaitSettings } from './replyOutcome';
import { waitRunning } from './runningWait';
import { checkQueueModeStore, conversationRedisCredentials, openConversationSignals, openConversationStore } from './store';
import { registerWait, type WaitRecord } from './waitRegistry';

const UNIT_MS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export { OUTPUT, type WaitSettings } from './replyOutcome';

export function readWaitSettings(get: (name: string, fallback: unknown) => unknown, keepRunningDefault = 0): WaitSettings {
	const amount = Number(get('timeout', 0));
	const unit = String(get('timeoutUnit', 'minutes'));
	const list = (value: unknown) =>
		(Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,]+/)).map((s) => s.trim()).filter(Boolean);
	const mode = String(get('whenNotAccepted', 'branch'));
	const keepRunning = Number(get('keepRunningSeconds', keepRunningDefault));
	return {
		timeoutMs: amount > 0 ? amount * (UNIT_MS[unit] ?? UNIT_MS.minutes) : 0,
		accept: { types: list(get('acceptTypes', [])), replyIds: list(get('acceptReplyIds', '')) },
		whenNotAccepted: mode === 'passThrough' || mode === 'keepWaiting' ? mode : 'branch',
		maxRetries: Math.max(0, Math.floor(Number(get('maxRetries', 3)))),
		keepRunningMs: Number.isFinite(keepRunning) && keepRunning > 0 ? keepRunning * 1000 : 0,
	};
}

/** Version 2 of the node keeps a waiting execution running this long by default (version 1: 0). */
export const KEEP_RUNNING_DEFAULT_SECONDS = 30;

export async function executeWaitForReply(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	if (items.length === 0) return [[], [], []];
	const credentials = await conversationRedisCredentials(ctx);
	checkQueueModeStore(ctx, credentials, 'waitForReply');
	const keepRunningDefault = ctx.getNode().typeVersion >= 2 ? KEEP_RUNNING_DEFAULT_SECONDS : 0;
	const settings = readWaitSettings((name, fallback) => ctx.getNodeParameter(name, 0, fallback), keepRunningDefault);
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
	const timedOut = (): INodeExecutionData[] =>
		items.map((_, index) => ({ json: timeoutJson(contact, 'timeout', record), pairedItem: { item: index } }));

	const store = openConversationStore(credentials);
	if (settings.keepRunningMs > 0) {
		const outcome = await waitRunning({
			store,
			signals: openConversationSignals(credentials),
			settings,
			record,
			timedOut: () => [[], timedOut(), []],
			cancel: ctx.getExecutionCancelSignal(),
		});
		if (outcome !== 'save') return outcome;
	}

	// On timeout n8n resumes the execution with this node disabled, which forwards the node's
	// stack input: make that input the "Timed Out" output (see docs/conversations.md).
	const executeData = ctx.getExecuteData();
	executeData.data = { main: [[], timedOut(), []] };
	ctx.setMetadata({ forwardAllOutputs: true } as IDataObject);
	// n8n re-pairs forwarded items as "item i of input k" for output k; give inputs 1 and 2 the
	// same source as input 0, so $('Trigger').item still resolves after Timed Out / Not Accepted.
	const source = executeData.source?.main?.[0];
	if (source) executeData.source = { main: [source, source, source] };

	await registerWait(store, { ...record, registeredAt: Date.now() });
	await ctx.putExecutionToWait(settings.timeoutMs > 0 ? new Date(record.expiresAt!) : WAIT_INDEFINITELY);
	return [items];
}

/** The webhook n8n calls when the trigger POSTs a reply (or a keyword cancellation). */
export async function resumeWaitForReply(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const body = ctx.getBodyData() as Partial<ResumeBody>;
	const settings = readWaitSettings((name, fallback) => ctx.getNodeParameter(name, fallback));
	const store = openConversationStore(await conversationRedisCredentials(ctx));
	const outcome = await replyOutcome(settings, body, store);
	// Leaves the execution waiting: only the chatflow trigger's POST may resume it.
	if (!outcome) return { webhookResponse: { resumed: false, reason: 'not a chatflow conversation message' } };
	if (outcome.kind === 'output') return { webhookResponse: outcome.response, workflowData: outcome.outputs };
	// Put the wait back (the trigger claimed it), keeping its original deadline.
	const wait = body.wait as WaitRecord | undefined;
	const now = Date.now();
	if (wait?.resumeUrl && !(wait.expiresAt !== undefined && wait.expiresAt <= now)) {
		await registerWait(store, { ...wait, registeredAt: now });
	}
	return { webhookResponse: outcome.response };
}
