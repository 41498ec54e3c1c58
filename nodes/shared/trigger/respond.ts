import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * Writes the HTTP answer itself, for deliveries that start no execution (handshakes, refusals,
 * duplicates, events all handed to waiting executions). Deliveries that start one leave the
 * answer to n8n, which sends it once the execution is queued.
 */
export function answer(
	ctx: IWebhookFunctions,
	status: number,
	body: string | object,
	/** With a 503: when the platform should deliver again. */
	retryAfterSeconds?: number,
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	if (!res.headersSent) {
		if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
		if (typeof body === 'string') res.status(status).type('text/plain').send(body);
		else res.status(status).json(body);
	}
	return { noWebhookResponse: true };
}
