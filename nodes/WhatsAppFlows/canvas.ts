import type { InputSpec } from '../shared/canvas';

/**
 * The node's inputs: Generate Flow JSON also takes a chat model. Written without any name from
 * outside the function: the editor runs its source text (see inputsExpression).
 */
export function flowsInputs(parameters: Record<string, unknown>): InputSpec[] {
	return parameters.operation === 'generate'
		? ['main', { type: 'ai_languageModel', displayName: 'Chat Model', required: true, maxConnections: 1 }]
		: ['main'];
}
