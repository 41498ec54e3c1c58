import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { hintFor } from './hints';
import type { GraphErrorInfo } from './types';

/**
 * A Graph API failure as n8n shows it: the message names Meta's code, the description carries
 * Meta's user message, details, a hint and the fbtrace_id (what Meta support asks for), and the
 * error's JSON (`errorResponse`, visible under "Error details") holds every field.
 */
export class GraphApiError extends NodeApiError {
	readonly graph: GraphErrorInfo;

	/** Attempts made before giving up (1 = not retried). */
	readonly attempts: number;

	constructor(node: INode, graph: GraphErrorInfo, options: { itemIndex?: number; attempts?: number; note?: string } = {}) {
		const errorResponse = { ...graph } as JsonObject;
		super(node, errorResponse, {
			message: graphErrorMessage(graph),
			description: graphErrorDescription(graph, options.note),
			httpCode: graph.http_status ? String(graph.http_status) : undefined,
			itemIndex: options.itemIndex,
		});
		this.graph = graph;
		this.attempts = options.attempts ?? 1;
	}
}

/** Reads Meta's `{ error: {...} }` from a parsed body; undefined when the body is not one. */
export function parseGraphError(body: unknown): GraphErrorInfo | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const error = (body as { error?: unknown }).error;
	if (typeof error !== 'object' || error === null) return undefined;
	const e = error as Record<string, unknown>;
	const data = e.error_data as Record<string, unknown> | undefined;
	const info: GraphErrorInfo = {
		code: toNumber(e.code),
		error_subcode: toNumber(e.error_subcode),
		type: toString(e.type),
		message: toString(e.message),
		error_user_title: toString(e.error_user_title),
		error_user_msg: toString(e.error_user_msg),
		details: toString(data?.details) ?? (typeof data === 'string' ? data : undefined),
		fbtrace_id: toString(e.fbtrace_id),
		is_transient: typeof e.is_transient === 'boolean' ? e.is_transient : undefined,
	};
	return stripUndefined(info);
}

export function graphErrorMessage(info: GraphErrorInfo): string {
	if (info.code !== undefined) {
		const sub = info.error_subcode !== undefined ? ` (subcode ${info.error_subcode})` : '';
		return `Graph API error ${info.code}${sub}: ${info.message ?? 'no message'}`;
	}
	if (info.network_code) return `Graph API request failed: ${info.network_code}${info.message ? ` (${info.message})` : ''}`;
	return info.message ?? `Graph API answered HTTP ${info.http_status ?? '?'}`;
}

function graphErrorDescription(info: GraphErrorInfo, note: string | undefined): string {
	const lines: string[] = [];
	if (info.error_user_title || info.error_user_msg) {
		lines.push([info.error_user_title, info.error_user_msg].filter(Boolean).join(': '));
	}
	if (info.details && info.details !== info.message) lines.push(`Details: ${info.details}`);
	const hint = hintFor(info.code);
	if (hint) lines.push(hint);
	if (note) lines.push(note);
	if (info.fbtrace_id) lines.push(`fbtrace_id: ${info.fbtrace_id}`);
	return lines.join('\n');
}

function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return undefined;
}

function toString(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function stripUndefined<T extends object>(value: T): T {
	for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
	return value;
}
