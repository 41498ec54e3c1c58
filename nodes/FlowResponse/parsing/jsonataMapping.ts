import jsonata from 'jsonata';

/** Applies a user's JSONata expression to the parsed answer; errors name the expression's problem. */
export class MappingError extends Error {}

const compiled = new Map<string, ReturnType<typeof jsonata>>();

export async function mapWithJsonata(expression: string, input: unknown): Promise<unknown> {
	let program = compiled.get(expression);
	let problem: unknown;
	if (!program) {
		try {
			program = jsonata(expression);
		} catch (error) {
			problem = error;
		}
		if (!program) throw new MappingError(`JSONata Expression does not compile: ${describe(problem)}`);
		if (compiled.size > 100) compiled.clear();
		compiled.set(expression, program);
	}
	const failed = Symbol('failed');
	const result = await program.evaluate(input).catch((error: unknown) => {
		problem = error;
		return failed;
	});
	if (result === failed) throw new MappingError(`JSONata Expression failed: ${describe(problem)}`);
	return result;
}

function describe(error: unknown): string {
	const details = error as { message?: string; position?: number; token?: string };
	const where = details.position !== undefined ? ` (at position ${details.position})` : '';
	return `${details.message ?? String(error)}${where}`;
}
