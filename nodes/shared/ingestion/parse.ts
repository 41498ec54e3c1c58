import type { IDataObject } from 'n8n-workflow';

import { firstHeader } from './verify';

export type Parsed = { ok: true; body: IDataObject } | { ok: false; status: 400 | 413 | 415; reason: string };

/** Meta's payloads are small; a WhatsApp batch of 1,000 messages stays under 1 MB. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Checks size and emptiness before anything is hashed or parsed. */
export function checkBodySize(rawBody: Buffer | undefined, maxBytes = DEFAULT_MAX_BODY_BYTES): Parsed | undefined {
	if (!rawBody || rawBody.length === 0) return { ok: false, status: 400, reason: 'empty body' };
	if (rawBody.length > maxBytes) {
		return { ok: false, status: 413, reason: `body of ${rawBody.length} bytes exceeds the limit of ${maxBytes}` };
	}
	return undefined;
}

/**
 * Parses a webhook body as a JSON object. JSON (any `+json` type) and text/plain are accepted
 * (some proxies relabel JSON); form, XML and multipart bodies are refused with 415.
 * `bigIntegerFields` are read as strings of their exact digits, so 64-bit numbers such as
 * Viber's `message_token` are not rounded by JavaScript numbers.
 */
export function parseJsonBody(
	headers: Record<string, string | string[] | undefined>,
	rawBody: Buffer,
	bigIntegerFields: readonly string[] = [],
): Parsed {
	const contentType = (firstHeader(headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (contentType && !contentType.endsWith('json') && contentType !== 'text/plain') {
		return { ok: false, status: 415, reason: `content type ${contentType} is not JSON` };
	}
	let text = rawBody.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (bigIntegerFields.length) text = quoteIntegerFields(text, bigIntegerFields);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch (error) {
		return { ok: false, status: 400, reason: `invalid JSON: ${(error as Error).message}` };
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return { ok: false, status: 400, reason: 'JSON body is not an object' };
	}
	return { ok: true, body: body as IDataObject };
}

/**
 * Rewrites `"field": 123` to `"field": "123"` for the named fields. A field name inside a JSON
 * string value is escaped (`\"field\"`), so only real keys match.
 */
function quoteIntegerFields(text: string, fields: readonly string[]): string {
	for (const field of fields) {
		const pattern = new RegExp(`("${field}"\\s*:\\s*)(-?\\d+)(?=\\s*[,}\\]])`, 'g');
		text = text.replace(pattern, '$1"$2"');
	}
	return text;
}
