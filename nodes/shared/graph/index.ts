/**
 * The Graph API transport (WhatsApp Cloud API, Messenger, Instagram, Flows management).
 *
 * ```ts
 * const graph = await GraphClient.create(this, 'chatflowWhatsAppApi');      // loads the credential once
 * const limiter = getRateLimiter(`whatsapp:${phoneId}`, { ratePerSecond: 80 }); // from ../concurrency
 * const sent = await graph.request({ method: 'POST', path: `/${phoneId}/messages`, body, limiter, itemIndex });
 * const file = await graph.download({ method: 'GET', path: mediaUrl });          // Buffer + mime type
 * const { stream } = await graph.downloadStream({ method: 'GET', path: mediaUrl }); // for prepareBinaryData
 * await graph.request({ method: 'POST', path: `/${phoneId}/media`,
 *   multipart: { fields: { messaging_product: 'whatsapp' }, files: [{ field: 'file', data, fileName, mimeType }] } });
 * ```
 *
 * - URLs: `{credential.baseUrl}/{credential.apiVersion}{path}`; absolute URLs pass through
 *   (media download links), still authenticated by the credential's `authenticate` block.
 * - HTTP: the shared layer (../http): keep-alive pools inside n8n's egress rules, the
 *   credential's own `authenticate`, or n8n's `httpRequestWithAuthentication` where n8n has no
 *   egress filter. `GraphClient.create(ctx, type, { concurrency })` sizes the pool.
 * - Errors: `GraphApiError` (extends NodeApiError) with `.graph` = { code, error_subcode,
 *   message, error_user_title, error_user_msg, details, fbtrace_id, http_status, network_code }
 *   and `.attempts`; the message names the code, the description has Meta's user message,
 *   details, a hint and the fbtrace_id. Malformed or empty 2xx bodies are errors too.
 * - Retries (loop and backoff shared with Viber in ../retry): 4/613/80007,
 *   130429, 131056, 131057, 1/2/131000/131016, 1200, `is_transient`, HTTP 429, and connections
 *   that never opened. Timeouts, resets and 5xx
 *   without a Graph error are retried ONLY for idempotent requests (GET/DELETE by default):
 *   a send that may have been delivered is never repeated. Backoff is exponential with
 *   jitter; `Retry-After` and `estimated_time_to_regain_access` are honoured (a wait longer than
 *   `maxHintMs` fails at once). A throughput or rate-limit error pauses the request's limiter,
 *   so every concurrent sender of that account backs off together.
 */
export { GraphClient, type GraphClientOptions } from './client';
export { GraphApiError, graphErrorMessage, parseGraphError } from './errors';
export { hintFor } from './hints';
export { classifyFailure, waitHintMs } from './retryPolicy';
export { backoffDelay, DEFAULT_RETRY_POLICY, type RetryClass, type RetryPolicy } from '../retry';
export { buildGraphUrl, segment } from './url';
export type {
	GraphBinaryResponse,
	GraphContext,
	GraphCredentialType,
	GraphErrorInfo,
	GraphMethod,
	GraphRequest,
	GraphStreamResponse,
	MultipartFile,
	MultipartForm,
} from './types';

import type { IDataObject } from 'n8n-workflow';

import type { ErrorDetails } from '../actions';
import { GraphApiError } from './errors';

/** What Meta said about a failed request: code, subcode, fbtrace_id, HTTP status, details. */
export function graphErrorDetails(error: unknown): ErrorDetails | undefined {
	if (!(error instanceof GraphApiError)) return undefined;
	const { code, error_subcode, fbtrace_id, http_status, details } = error.graph;
	return { code, error_subcode, fbtrace_id, http_status, details, description: error.description ?? undefined };
}

/** JSON for a failed item under continueOnFail as version 1 of the Graph nodes gives it. */
export function describeGraphError(error: unknown): IDataObject {
	const details = graphErrorDetails(error);
	return details ? { errorDetails: details } : {};
}
