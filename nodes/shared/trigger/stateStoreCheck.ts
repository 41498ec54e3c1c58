import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import { CONVERSATION_NODE_TYPE, QUEUE_MODE_WITHOUT_STORE, runsInQueueMode } from '../store/queueMode';

type WebhookMethods = {
	checkExists(this: IHookFunctions): Promise<boolean>;
	create(this: IHookFunctions): Promise<boolean>;
	delete(this: IHookFunctions): Promise<boolean>;
};

/**
 * A trigger's activation hooks, preceded by the queue-mode check: n8n calls checkExists first
 * whenever it activates a workflow, so the check runs exactly when a user activates it (or n8n
 * re-activates it at start). In queue mode without a State Store credential:
 * - a Conversation node's Wait for Reply below the trigger cannot work (the worker records the
 *   wait in its own memory, the webhook processor receiving the reply never sees it), so
 *   activation fails with an error that says what to select;
 * - otherwise the trigger still works, but de-duplication only sees deliveries that reached the
 *   same process: a warning in n8n's log says so.
 */
export function withStateStoreCheck<T extends WebhookMethods>(methods: T): T {
	return {
		...methods,
		async checkExists(this: IHookFunctions): Promise<boolean> {
			checkStateStore(this);
			return await methods.checkExists.call(this);
		},
	};
}

function checkStateStore(ctx: IHookFunctions): void {
	if (!runsInQueueMode() || ctx.getNode().credentials?.chatflowRedisApi) return;
	const node = ctx.getNode();
	const waits = ctx
		.getChildNodes(node.name, { includeNodeParameters: true })
		.filter((child) => child.type === CONVERSATION_NODE_TYPE && !child.disabled && (child.parameters?.operation ?? 'waitForReply') === 'waitForReply');
	if (waits.length > 0) {
		throw new NodeOperationError(
			node,
			`${QUEUE_MODE_WITHOUT_STORE}, so "${waits[0].name}" (Wait for Reply) would never see the contact's reply`,
			{ description: 'Select the same State Store (Redis) credential on this trigger and on every Conversation node of the workflow, then activate again.' },
		);
	}
	ctx.logger.warn(`${node.name}: ${QUEUE_MODE_WITHOUT_STORE}; a delivery Meta or Viber sends again to another process is not recognised as a duplicate. Select a State Store credential to share de-duplication.`, {
		workflowId: ctx.getWorkflow().id,
		node: node.name,
	});
}
