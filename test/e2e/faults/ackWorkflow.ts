import { randomUUID } from 'node:crypto';

import type { Credentials } from '../examples-support';
import { PHONE_NUMBER_ID } from './lab';

/**
 * WhatsApp Trigger (with the State Store credential: de-duplication shared by every process) →
 * a text "ack:<message id>" back to the contact. Each inbound message should cause exactly one
 * ack; the fake Graph API counts them (FaultsLab.texts).
 */
export function ackWorkflow(credentials: Credentials, triggerOptions: Record<string, unknown> = {}) {
	const webhookId = randomUUID();
	const workflow = {
		name: `faults: ack ${webhookId}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'WhatsApp Trigger',
				type: 'n8n-nodes-chatflow.chatflowWhatsAppTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { registration: 'manual', events: ['message'], messageTypes: [], options: triggerOptions },
				credentials: { chatflowMetaAppApi: credentials.chatflowMetaAppApi, chatflowRedisApi: credentials.chatflowRedisApi },
			},
			{
				id: randomUUID(),
				name: 'Ack',
				type: 'n8n-nodes-chatflow.chatflowWhatsApp',
				typeVersion: 2,
				position: [260, 0],
				parameters: {
					resource: 'message',
					operation: 'sendText',
					phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
					to: '={{ $json.contact.id }}',
					text: '=ack:{{ $json.messageId }}',
					previewUrl: false,
					messageOptions: {},
				},
				credentials: { chatflowWhatsAppApi: credentials.chatflowWhatsAppApi },
			},
		],
		connections: { 'WhatsApp Trigger': { main: [[{ node: 'Ack', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
	return { workflow, path: `${webhookId}/webhook` };
}

/** One inbound message as Meta delivers it: the same body on every redelivery. */
export interface Delivery {
	wamid: string;
	body: Record<string, unknown>;
}
