import type { IDataObject } from 'n8n-workflow';

/** Small readers for untrusted JSON: they never throw, whatever the payload holds. */

export function obj(value: unknown): IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	return '';
}

export function num(value: unknown): number | undefined {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function bool(value: unknown): boolean | undefined {
	return typeof value === 'boolean' ? value : undefined;
}

/**
 * Platform times as ISO 8601: WhatsApp sends epoch seconds as a string, Messenger and Viber
 * epoch milliseconds as a number. Values below 1e11 are taken as seconds. '' when unusable.
 */
export function isoTime(value: unknown): string {
	const n = num(value);
	if (n === undefined) return '';
	const date = new Date(n < 1e11 ? n * 1000 : n);
	return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** Drops undefined fields so items stay small and stable in n8n's output view. */
export function compact<T extends object>(value: T): T {
	for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
	return value;
}
