import type { Readable } from 'node:stream';

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RateLimiter } from '../concurrency';
import type { HttpContext, MultipartForm } from '../http';

export type { MultipartFile, MultipartForm } from '../http';

/** Credential types whose data has `baseUrl` and `apiVersion` and an `authenticate` block. */
export type GraphCredentialType =
	| 'chatflowWhatsAppApi'
	| 'chatflowMessengerApi'
	| 'chatflowInstagramApi'
	| 'chatflowMetaAppApi';

/**
 * What the transport needs from n8n: IExecuteFunctions, ILoadOptionsFunctions, IHookFunctions
 * and IWebhookFunctions all fit.
 */
export interface GraphContext extends HttpContext {
	getCredentials: IExecuteFunctions['getCredentials'];
}

export type GraphMethod = 'GET' | 'POST' | 'DELETE';

export interface GraphRequest {
	method: GraphMethod;
	/**
	 * Path under `{baseUrl}/{apiVersion}`, e.g. `/1234/messages`; or an absolute http(s) URL
	 * (media download URLs point at another host and still need the token).
	 */
	path: string;
	qs?: IDataObject;
	/** JSON body. */
	body?: IDataObject;
	/** multipart/form-data body (uploads). */
	multipart?: MultipartForm;
	/** `buffer` returns the raw bytes (media download), `stream` streams them; default `json`. */
	responseType?: 'json' | 'buffer' | 'stream';
	/**
	 * Whether repeating the request is harmless. Default: true for GET and DELETE, false for
	 * POST. A non-idempotent request is retried only when the platform says it was refused
	 * (a retryable error code) or it never left this machine (connection refused, DNS).
	 */
	idempotent?: boolean;
	/** Acquired before every attempt (the sending account's throughput). */
	limiter?: RateLimiter;
	/** For error context in n8n's UI. */
	itemIndex?: number;
	/** Per-request timeout; default 60 s, 5 min for uploads and downloads. */
	timeoutMs?: number;
	/** Largest answer accepted; default 16 MB for JSON, 128 MB for downloads. */
	maxResponseBytes?: number;
}

/** A binary answer streamed (media download into n8n's binary store). */
export interface GraphStreamResponse {
	stream: Readable;
	mimeType?: string;
	fileName?: string;
}

/** A binary answer (media download). */
export interface GraphBinaryResponse {
	data: Buffer;
	mimeType?: string;
	fileName?: string;
}

/** Meta's error object (`{ error: {...} }`), flattened, plus what the transport saw. */
export interface GraphErrorInfo {
	code?: number;
	error_subcode?: number;
	type?: string;
	message?: string;
	error_user_title?: string;
	error_user_msg?: string;
	/** `error.error_data.details` (WhatsApp puts the useful explanation there). */
	details?: string;
	fbtrace_id?: string;
	is_transient?: boolean;
	/** HTTP status of the answer, when there was one. */
	http_status?: number;
	/** Network failure code (ECONNRESET, ETIMEDOUT, ...), when there was no answer. */
	network_code?: string;
}
