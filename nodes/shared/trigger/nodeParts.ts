import type { IWebhookDescription } from 'n8n-workflow';

/**
 * A delivery that starts an execution is answered by n8n once the execution is queued, with
 * `responseData` as the body (without it n8n would send the name of its default mode).
 */
const EVENTS: IWebhookDescription = { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'OK', path: 'webhook' };

/** Meta delivers to one URL: GET for the subscription check, POST for events. */
export const META_WEBHOOKS: IWebhookDescription[] = [{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' }, EVENTS];

export const VIBER_WEBHOOKS: IWebhookDescription[] = [EVENTS];
