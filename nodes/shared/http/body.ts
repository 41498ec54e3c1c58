import type { HttpBody } from './types';

/** A JSON request body. */
export function jsonBody(value: unknown): HttpBody {
	return { chunks: [Buffer.from(JSON.stringify(value), 'utf8')], contentType: 'application/json' };
}
