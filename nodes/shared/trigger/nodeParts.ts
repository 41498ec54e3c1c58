import type { IWebhookDescription } from 'n8n-workflow';

/** Meta delivers to one URL: GET for the subscription check, POST for events. */
export const META_WEBHOOKS: IWebhookDescription[] = [
	{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
];

export const VIBER_WEBHOOKS: IWebhookDescription[] = [
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
];
