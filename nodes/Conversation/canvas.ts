import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OutputSpec } from '../shared/canvas';

/**
 * The node's outputs by operation: Wait for Reply has Reply, Timed Out and Not Accepted; Session
 * has one. Written without any name from outside the function: the editor runs its source text
 * (see outputsExpression).
 */
export function conversationOutputs(parameters: Record<string, unknown>): OutputSpec[] {
	return parameters.operation === 'waitForReply'
		? [
				{ type: 'main', displayName: 'Reply' },
				{ type: 'main', displayName: 'Timed Out' },
				{ type: 'main', displayName: 'Not Accepted' },
			]
		: [{ type: 'main' }];
}

/** The subtitle: "Wait for the contact's reply", or the chosen session action ("Set the current step"). */
export function conversationSubtitle(sessionAction: INodeProperties): `={{${string}}}` {
	const actions: Record<string, string> = {};
	for (const option of (sessionAction.options ?? []) as INodePropertyOptions[]) actions[String(option.value)] = option.action ?? option.name;
	return `={{ $parameter["operation"] === "session" ? ${JSON.stringify(actions)}[$parameter["sessionAction"]] : "Wait for the contact's reply" }}`;
}
