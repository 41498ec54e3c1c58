import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { openConversationStore, conversationRedisCredentials, registerWait, replyOutcome, type ResumeBody, type WaitRecord } from '../../../shared/conversation';
import { readWaitSettings } from './settings';

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
