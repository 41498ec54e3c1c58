/**
 * The one HTTP layer for every platform call (Graph API: WhatsApp, Messenger, Instagram, Flows
 * management; Viber). Clients (GraphClient, ViberClient) open it once per run:
 *
 * ```ts
 * const http = PlatformHttp.open(this, 'chatflowWhatsAppApi', credentials, { concurrency: 50 });
 * const answer = await http.send({ method: 'POST', url, body: jsonBody(payload), timeoutMs: 60_000, maxResponseBytes: 10 << 20 });
 * ```
 *
 * Keep-alive pools per process, origin and proxy setting (agents.ts), inside n8n's egress rules
 * (egress.ts), HTTP(S)_PROXY/NO_PROXY through Node's proxyEnv (proxy.ts), authentication from
 * the credential's own definition (authenticate.ts), timeouts, size limits, cancellation and
 * streamed bodies (wire.ts); n8n's request helper where n8n has no egress filter (fallback.ts).
 */
export { PlatformHttp, type PlatformHttpOptions } from './platformHttp';
export { TransportFailure, errorCodeOf, toTransportFailure } from './failure';
export { encodeMultipart, type MultipartFile, type MultipartForm } from './multipart';
export { jsonBody } from './body';
export { sharedSecureContext } from './tlsContext';
export { destroyAgents } from './agents';
export type { PlatformCredentialType } from './authenticate';
export type { BodyChunk, HttpBody, HttpContext, HttpMethod, HttpRequest, HttpResponse, HttpStreamResponse, StreamedChunk } from './types';
