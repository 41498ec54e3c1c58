import type { IWebhookFunctions } from 'n8n-workflow';

/** n8n's request object: `rawBody` is filled by n8n, or by `readRawBody()` on demand. */
type N8nRequest = ReturnType<IWebhookFunctions['getRequestObject']> & { readRawBody?: () => Promise<void> };

/**
 * The request's untouched body bytes, for signature checks. n8n reads them before a version-2
 * webhook runs only for the content types it parses itself; for any other, read them now.
 */
export async function rawRequestBody(ctx: Pick<IWebhookFunctions, 'getRequestObject'>): Promise<Buffer | undefined> {
	const request = ctx.getRequestObject() as N8nRequest;
	if (request.rawBody === undefined && typeof request.readRawBody === 'function') await request.readRawBody();
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}
