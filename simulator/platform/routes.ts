import type { Responder } from './types';

/**
 * Matches `/v26.0/{phone}/messages`-style paths. A pattern is a path with `:name` segments and
 * an optional leading `/:version`; `*` matches the rest.
 */
export interface Route {
	method: string;
	regex: RegExp;
	keys: string[];
	responder: Responder;
	/** Remaining uses for scripted one-off answers; undefined means unlimited. */
	remaining?: number;
}

export function compileRoute(method: string, pattern: string | RegExp, responder: Responder, times?: number): Route {
	if (pattern instanceof RegExp) {
		return { method: method.toUpperCase(), regex: pattern, keys: [], responder, remaining: times };
	}
	const keys: string[] = [];
	const source = pattern
		.split('/')
		.map((segment) => {
			if (segment === '*') return '.*';
			if (segment.startsWith(':')) {
				keys.push(segment.slice(1));
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { method: method.toUpperCase(), regex: new RegExp(`^${source}/?$`), keys, responder, remaining: times };
}

export function matchRoute(route: Route, method: string, path: string): Record<string, string> | undefined {
	if (route.method !== '*' && route.method !== method) return undefined;
	const match = route.regex.exec(path);
	if (!match) return undefined;
	const params: Record<string, string> = {};
	route.keys.forEach((key, index) => (params[key] = decodeURIComponent(match[index + 1])));
	return params;
}
