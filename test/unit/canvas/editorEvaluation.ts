/**
 * Runs a node's expression (outputs, inputs, subtitle) the way the editor does: only its text,
 * with `$parameter` the one name in scope. A function that leans on anything from its module
 * fails here.
 */
export function evaluateEditorExpression(expression: string, parameters: Record<string, unknown>): unknown {
	const match = /^=\{\{([\s\S]*)\}\}$/.exec(expression);
	if (!match) throw new Error(`not an expression: ${expression}`);
	return new Function('$parameter', `return (${match[1]});`)(parameters);
}
