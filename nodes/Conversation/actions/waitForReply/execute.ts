/**
 * The Conversation node's "Wait for Reply": register the contact's wait; keep the execution
 * running for the first seconds (`runningWait`), then put it to wait the way n8n does (see
 * docs/conversations.md); the reply is handled by resume.ts. Outputs: 0 Reply, 1 Timed
 * Out, 2 Not Accepted.
 */
import {
	NodeOperationError,
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import {
	checkQueueModeStore,
	contactKey,
	conversationRedisCredentials,
	openConversationSignals,
	openConversationStore,
	registerWait,
	timeoutJson,
	waitRunning,
	type WaitRecord,
} from '../../../shared/conversation';
import { rememberContact, resolveContact } from '../contact/resolveContact';
import { engineForwardsAllOutputs } from './engineSupport';
import { KEEP_RUNNING_DEFAULT_SECONDS, readWaitSettings } from './settings';

/** What the node says where the running n8n cannot resume a saved wait (engineSupport.ts). */
export const SAVED_WAIT_UNSUPPORTED = {
	message: 'This n8n cannot resume a conversation saved as waiting: it needs n8n 2.39.0 or newer',
	description:
		'The reply did not arrive while the execution kept running, so the wait would be saved, and this n8n\'s engine would resume it without passing the reply or the timeout on. Upgrade n8n to 2.39.0 or newer, or set "Keep Execution Running (Seconds)" at least as long as the timeout, so the whole wait happens in the running execution.',
};

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

	if (engineForwardsAllOutputs(ctx) === false) throw new NodeOperationError(ctx.getNode(), SAVED_WAIT_UNSUPPORTED.message, { description: SAVED_WAIT_UNSUPPORTED.description });

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
