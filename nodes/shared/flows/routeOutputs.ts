import type { OutputSpec } from '../canvas';

/**
 * "One output per route" for the endpoint trigger: the user lists routes (`INIT, BACK,
 * data_exchange:APPOINTMENT`), the trigger gets one output per listed route plus "Other", and a
 * request leaves by its route's output. No Switch, so no expression is evaluated to route:
 * with n8n's lazy isolates a request that meets no expression costs n8n a fraction of one that
 * does (docs/nodes/flows.md).
 */
export const ROUTING_ONE_OUTPUT = 'oneOutput';
export const ROUTING_PER_ROUTE = 'outputPerRoute';

/** The listed routes: comma- or newline-separated, trimmed, blanks and repeats dropped. */
export function parseRoutes(text: unknown): string[] {
	const routes: string[] = [];
	for (const part of String(text ?? '').split(/[,\n]/)) {
		const route = part.trim();
		if (route !== '' && !routes.includes(route)) routes.push(route);
	}
	return routes;
}

/**
 * The output a request's route leaves by: the listed route equal to it, else a listed bare
 * action it belongs to (`data_exchange` takes every `data_exchange:SCREEN` not listed itself),
 * else "Other" (the last output, index `routes.length`).
 */
export function outputIndexFor(route: string, routes: string[]): number {
	const exact = routes.indexOf(route);
	if (exact !== -1) return exact;
	const action = route.split(':')[0];
	const byAction = routes.indexOf(action);
	return byAction !== -1 ? byAction : routes.length;
}

/**
 * The endpoint trigger's outputs as the editor draws them: the same rules as parseRoutes, written
 * without any name from outside the function (the editor runs its source text; see
 * outputsExpression). A unit test keeps the two equal.
 */
export function routeOutputs(parameters: Record<string, unknown>): OutputSpec[] {
	if (parameters.routing !== 'outputPerRoute') return [{ type: 'main' }];
	const routes: string[] = [];
	for (const part of String(parameters.routes || '').split(/[,\n]/)) {
		const route = part.trim();
		if (route !== '' && !routes.includes(route)) routes.push(route);
	}
	return [...routes.map((route): OutputSpec => ({ type: 'main', displayName: route })), { type: 'main', displayName: 'Other' }];
}
