import type { OutputSpec } from '../shared/outputs';

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
