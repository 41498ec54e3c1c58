/** An output of a node as n8n's `outputs` lists it. */
export interface OutputSpec {
	type: 'main';
	displayName?: string;
}

/**
 * A node's connections that depend on its parameters. n8n evaluates the expression in the editor
 * (and on the server only for error outputs), where no module of this package is loaded: the
 * function travels as its source text, so it must use nothing but its argument (no imports, no
 * constants from outside). Each function that goes through here has a unit test that calls the
 * text as the editor does.
 */
function sentAsSource(connectionsOf: (parameters: Record<string, unknown>) => unknown[]): `={{${string}}}` {
	return `={{(${connectionsOf.toString()})($parameter)}}`;
}

/** A node's `outputs` that depend on its parameters (see sentAsSource). */
export function outputsExpression(outputsOf: (parameters: Record<string, unknown>) => OutputSpec[]): `={{${string}}}` {
	return sentAsSource(outputsOf);
}

/** An input of a node as n8n's `inputs` lists it: the main input, or a sub-node's connection. */
export type InputSpec = 'main' | { type: 'ai_languageModel'; displayName: string; required?: boolean; maxConnections?: number };

/** A node's `inputs` that depend on its parameters (see sentAsSource). */
export function inputsExpression(inputsOf: (parameters: Record<string, unknown>) => InputSpec[]): `={{${string}}}` {
	return sentAsSource(inputsOf);
}
