/**
 * Message builders check Meta's limits before any request is made and throw this error, whose
 * message starts with the offending field (`interactive.action.buttons[3].title: at most 20
 * characters`). Operations turn it into a NodeOperationError for the item.
 */
export class MessageValidationError extends Error {
	constructor(
		readonly field: string,
		problem: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'MessageValidationError';
	}
}

export function requireText(value: unknown, field: string, maxLength?: number): string {
	const text = value === undefined || value === null ? '' : String(value);
	if (text.trim() === '') throw new MessageValidationError(field, 'is required');
	return maxLength === undefined ? text : maxChars(text, field, maxLength);
}

export function optionalText(value: unknown, field: string, maxLength?: number): string | undefined {
	if (value === undefined || value === null || String(value) === '') return undefined;
	const text = String(value);
	return maxLength === undefined ? text : maxChars(text, field, maxLength);
}

/** Meta counts characters (code points), not UTF-16 units. */
export function maxChars(text: string, field: string, maxLength: number): string {
	const length = [...text].length;
	if (length > maxLength) throw new MessageValidationError(field, `at most ${maxLength} characters (got ${length})`);
	return text;
}

export function maxCount<T>(list: T[], field: string, max: number, min = 0): T[] {
	if (list.length > max) throw new MessageValidationError(field, `at most ${max} (got ${list.length})`);
	if (list.length < min) throw new MessageValidationError(field, `at least ${min} required (got ${list.length})`);
	return list;
}

export function unique(values: string[], field: string, what: string): void {
	const seen = new Set<string>();
	values.forEach((value, index) => {
		if (seen.has(value)) throw new MessageValidationError(`${field}[${index}].${what}`, `duplicate "${value}"; must be unique`);
		seen.add(value);
	});
}

export function requireNumber(value: unknown, field: string, min: number, max: number): number {
	const number = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	if (value === '' || value === undefined || value === null || !Number.isFinite(number)) {
		throw new MessageValidationError(field, 'must be a number');
	}
	if (number < min || number > max) throw new MessageValidationError(field, `must be between ${min} and ${max}`);
	return number;
}

export function requireHttpsUrl(value: unknown, field: string): string {
	const text = requireText(value, field).trim();
	const url = URL.canParse(text) ? new URL(text) : undefined;
	if (!url) throw new MessageValidationError(field, `not a valid URL: "${text}"`);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new MessageValidationError(field, 'must be an http(s) URL');
	return text;
}

/** A JSON object given as an object or as JSON text (n8n's json parameters may be either). */
export function jsonObject(value: unknown, field: string): Record<string, unknown> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = typeof value === 'string' ? parseJsonText(value, field) : value;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new MessageValidationError(field, 'must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}

/** JSON.parse whose failure names the field. */
export function parseJsonText(text: string, field: string): unknown {
	const result = tryParseJson(text);
	if ('error' in result) throw new MessageValidationError(field, `not valid JSON (${result.error})`);
	return result.value;
}

function tryParseJson(text: string): { value: unknown } | { error: string } {
	try {
		return { value: JSON.parse(text) };
	} catch (error) {
		return { error: (error as Error).message };
	}
}
