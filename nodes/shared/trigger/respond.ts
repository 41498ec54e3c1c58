import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * Writes the HTTP answer at once (the platforms want it fast and retry on anything but 200),
 * so that the workflow, if any, runs after the answer went out.
 */
export function answer(
	ctx: IWebhookFunctions,
	status: number,
	body: string | object,
	workflowData?: IWebhookResponseData['workflowData'],
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	if (!res.headersSent) {
		if (typeof body === 'string') res.status(status).type('text/plain').send(body);
		else res.status(status).json(body);
	}
	return workflowData ? { noWebhookResponse: true, workflowData } : { noWebhookResponse: true };
}
