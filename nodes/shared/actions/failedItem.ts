import type { IDataObject } from 'n8n-workflow';

/**
 * The details of a failed item under "Continue On Fail", the same keys on every channel:
 * `{ error, errorDetails: { field?, code?, error_subcode?, fbtrace_id?, http_status?, details?,
 * description? } }`. `field` names the parameter a check refused before any request; `code` is
 * the platform's error code (Meta's `code`, Viber's `status`), `details` what the platform said
 * beyond its message (Meta's `error_data.details`, Viber's status name).
 */
export interface ErrorDetails extends IDataObject {
	field?: string;
	code?: number;
	error_subcode?: number;
	fbtrace_id?: string;
	http_status?: number;
	details?: string;
	description?: string;
}

/** Reads an error's details; each platform client tells its own errors (`platformDetails`). */
export function failedItemDetails(error: unknown, platformDetails: (error: unknown) => ErrorDetails | undefined): IDataObject {
	const field = (error as { context?: { field?: unknown } } | undefined)?.context?.field;
	const details: ErrorDetails = { ...(platformDetails(error) ?? {}), ...(typeof field === 'string' ? { field } : {}) };
	for (const key of Object.keys(details)) if (details[key] === undefined) delete details[key];
	return Object.keys(details).length ? { errorDetails: details } : {};
}
