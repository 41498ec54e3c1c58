import type { HttpBody } from './types';

/** A JSON request body, kept as text so that Node writes it together with the request head. */
export function jsonBody(value: unknown): HttpBody {
	return { chunks: [JSON.stringify(value)], contentType: 'application/json' };
}
