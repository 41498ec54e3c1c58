/**
 * Checks that message builders run before any request is made. Each failure names the field in
 * the platform's own vocabulary (`message.quick_replies[13]`), so a user can find it in the docs
 * and in the node. Builders are pure: they throw `MessageFieldError`, and the node turns it into
 * a `NodeOperationError` for the item that keeps the field (`../actions/fieldErrors`).
 */
export class MessageFieldError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'MessageFieldError';
	}
}

/** Length in characters as people count them (code points, so an emoji is one). */
export function charLength(value: string): number {
	let count = 0;
	for (const _ of value) count++;
	return count;
}

/**
 * A value as text: numbers and booleans become their text (n8n expressions often yield them),
 * absent values are undefined, anything else (objects, lists) is not text.
 */
function asText(field: string, value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
	throw new MessageFieldError(field, 'must be text');
}

/** A non-empty string (after trimming), returned untrimmed. */
export function requireText(field: string, value: unknown): string {
	const given = asText(field, value);
	if (given === undefined || given.trim() === '') throw new MessageFieldError(field, 'is required');
	return given;
}

export function maxChars(field: string, value: string, max: number): string {
	const length = charLength(value);
	if (length > max) throw new MessageFieldError(field, `at most ${max} characters (got ${length})`);
	return value;
}

export function maxBytes(field: string, value: string, max: number): string {
	const length = Buffer.byteLength(value, 'utf8');
	if (length > max) throw new MessageFieldError(field, `at most ${max} bytes of UTF-8 (got ${length})`);
	return value;
}

/** Required text of at most `max` characters. */
export function text(field: string, value: unknown, max: number): string {
	return maxChars(field, requireText(field, value), max);
}

/** Optional text: undefined when empty, else at most `max` characters (when a limit is given). */
export function optionalText(field: string, value: unknown, max?: number): string | undefined {
	const given = asText(field, value);
	if (given === undefined || given === '') return undefined;
	return max === undefined ? given : maxChars(field, given, max);
}

export function count<T>(field: string, list: T[], min: number, max: number): T[] {
	if (list.length < min) throw new MessageFieldError(field, min === 1 ? 'at least one is required' : `at least ${min} required (got ${list.length})`);
	if (list.length > max) throw new MessageFieldError(`${field}[${max}]`, `at most ${max} allowed (got ${list.length})`);
	return list;
}

export function integer(field: string, value: unknown, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number)) throw new MessageFieldError(field, 'must be a whole number');
	if (number < min || number > max) throw new MessageFieldError(field, `must be between ${min} and ${max} (got ${number})`);
	return number;
}

export function numberBetween(field: string, value: unknown, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) throw new MessageFieldError(field, 'must be a number');
	if (number < min || number > max) throw new MessageFieldError(field, `must be between ${min} and ${max} (got ${number})`);
	return number;
}

/** An absolute http(s) URL of at most `max` characters. */
export function url(field: string, value: unknown, max = 2000): string {
	const candidate = text(field, value, max).trim();
	const parsed = URL.canParse(candidate) ? new URL(candidate) : undefined;
	if (!parsed) throw new MessageFieldError(field, `must be an absolute URL (got "${candidate.slice(0, 60)}")`);
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new MessageFieldError(field, `must be an http(s) URL (got ${parsed.protocol})`);
	}
	return candidate;
}

/**
 * Values of `key` must not repeat across the list (platforms reject duplicate button ids). When
 * `key` names a property of the entries, the error's path goes down to it (`buttons[1].id`).
 */
export function unique<T>(field: string, list: T[], key: ((item: T) => string | undefined) | (keyof T & string), what: string): T[] {
	const at = (index: number) => (typeof key === 'string' ? `${field}[${index}].${key}` : `${field}[${index}]`);
	const seen = new Map<string, number>();
	list.forEach((item, index) => {
		const value = typeof key === 'string' ? (item[key] as string | undefined) : key(item);
		if (value === undefined) return;
		const first = seen.get(value);
		if (first !== undefined) throw new MessageFieldError(at(index), `${what} "${value}" repeats ${at(first)}`);
		seen.set(value, index);
	});
	return list;
}

/** One of the listed values. */
export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw new MessageFieldError(field, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
	}
	return value as T;
}

/** A JSON object given as an object or as JSON text (n8n's json parameters may be either); undefined when empty. */
export function jsonObject(field: string, value: unknown): Record<string, unknown> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = typeof value === 'string' ? parseJsonText(field, value) : value;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new MessageFieldError(field, 'must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}

/** JSON.parse whose failure names the field. */
export function parseJsonText(field: string, value: string): unknown {
	const result = tryParseJson(value);
	if ('error' in result) throw new MessageFieldError(field, `not valid JSON (${result.error})`);
	return result.value;
}

function tryParseJson(value: string): { value: unknown } | { error: string } {
	try {
		return { value: JSON.parse(value) };
	} catch (error) {
		return { error: (error as Error).message };
	}
}
