import type { IWebhookFunctions } from 'n8n-workflow';

import type { ChatEvent } from '../types';

/**
 * The seam between de-duplication and emitting, for the conversation engine: a reply that a
 * waiting execution expects (or a keyword) is handed to that execution here and left out of
 * the result; what is returned starts a new execution of the trigger's workflow, in order.
 * Until the conversation engine plugs in, every event starts the workflow.
 */
export async function routeEvents(_ctx: IWebhookFunctions, events: ChatEvent[]): Promise<ChatEvent[]> {
	return events;
}
