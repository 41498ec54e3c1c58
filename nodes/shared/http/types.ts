import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

import type { IDataObject, IExecuteFunctions, Logger } from 'n8n-workflow';

/**
 * What the HTTP layer needs from n8n. IExecuteFunctions, ILoadOptionsFunctions, IHookFunctions
 * and IWebhookFunctions all fit. `getSecureEgressFilter` exists from n8n 2.x on; where it is
 * missing the layer falls back to `httpRequestWithAuthentication`.
 */
export interface HttpContext {
	getNode: IExecuteFunctions['getNode'];
	helpers: Pick<IExecuteFunctions['helpers'], 'httpRequestWithAuthentication'> &
		Partial<Pick<IExecuteFunctions['helpers'], 'getSecureEgressFilter' | 'httpRequest'>>;
	logger?: Pick<Logger, 'warn'>;
	/** Execute contexts only: fires when the user (or a timeout) stops the execution. */
	getExecutionCancelSignal?: () => AbortSignal | undefined;
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/**
 * A request body as chunks written one after the other (a file is never copied into a new
 * buffer). Text chunks are UTF-8; a body that is one text chunk (JSON) goes out in the same
 * write as the request head.
 */
export interface HttpBody {
	chunks: BodyChunk[];
	contentType: string;
}

export type BodyChunk = Buffer | string | StreamedChunk;

/**
 * Bytes read from a stream while the request is written (a file in n8n's binary store): never
 * held whole in memory. The size is known before (it goes into Content-Length), and `open` is
 * called for every attempt, so a retried request reads the file again from its start.
 */
export interface StreamedChunk {
	size: number;
	open(): Promise<Readable>;
}

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute http(s) URL. Authentication is added by the layer from the credential. */
	url: string;
	qs?: IDataObject;
	headers?: Record<string, string>;
	body?: HttpBody;
	/** For the whole exchange, from connecting to the last byte of the answer. */
	timeoutMs: number;
	/** Larger answers are cut off and fail with E_RESPONSE_TOO_LARGE. */
	maxResponseBytes: number;
	/** GET only: follow up to 5 redirects, each checked against n8n's outbound rules. */
	followRedirects?: boolean;
}

export interface HttpResponse {
	statusCode: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** A 2xx answer whose body is handed over unread (downloads into n8n's binary store). */
export interface HttpStreamResponse {
	statusCode: number;
	headers: IncomingHttpHeaders;
	stream: Readable;
}
