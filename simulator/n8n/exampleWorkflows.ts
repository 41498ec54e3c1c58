import { randomUUID } from 'node:crypto';

/**
 * The example that `npm run dev` puts into n8n next to the simulator (and the browser e2e runs):
 * a WhatsApp echo bot that greets with reply buttons, opens the table-booking Flow of
 * simulator/fixtures/simulator.json, answers its data exchange, and confirms the booking. It also
 * acknowledges the contact's edits and deletions, and takes business-app echoes and marketing
 * preferences without answering, so every event the chat page can make shows in n8n.
 */

export const PACKAGE = 'n8n-nodes-chatflow';
const type = (name: string) => `${PACKAGE}.${name}`;

export interface CredentialRef {
	id: string;
	name: string;
}

export interface ExampleIds {
	/** webhookId of the WhatsApp trigger: its URL is /webhook/<id>/webhook */
	messagesWebhookId: string;
	/** webhookId of the Flows endpoint trigger: /webhook/<id>/flows */
	flowsWebhookId: string;
}

export const BOOKING_FLOW_ID = '71000000000000001';

export function newExampleIds(): ExampleIds {
	return { messagesWebhookId: randomUUID(), flowsWebhookId: randomUUID() };
}

const to = (node: string) => [{ node, type: 'main', index: 0 }];

export function echoBotWorkflow(ids: ExampleIds, credentials: { metaApp: CredentialRef; whatsApp: CredentialRef }, phoneNumberId: string) {
	const sender = { __rl: true, mode: 'id', value: phoneNumberId };
	const whatsApp = { chatflowWhatsAppApi: credentials.whatsApp };
	const send = (name: string, position: [number, number], parameters: Record<string, unknown>) => ({
		id: randomUUID(),
		name,
		type: type('chatflowWhatsApp'),
		typeVersion: 1,
		position,
		parameters: { resource: 'message', phoneNumberId: sender, to: '={{ $json.contact.id }}', ...parameters },
		credentials: whatsApp,
	});
	return {
		name: 'Chatflow Simulator: WhatsApp echo bot',
		nodes: [
			{
				id: randomUUID(),
				name: 'WhatsApp Trigger',
				type: type('chatflowWhatsAppTrigger'),
				typeVersion: 1,
				position: [0, 300],
				webhookId: ids.messagesWebhookId,
				parameters: { registration: 'manual', events: ['message', 'edit', 'revoke', 'echo', 'preference'], options: {} },
				credentials: { chatflowMetaAppApi: credentials.metaApp },
			},
			{
				id: randomUUID(),
				name: 'Route',
				type: 'n8n-nodes-base.switch',
				typeVersion: 3.2,
				position: [260, 300],
				parameters: {
					mode: 'expression',
					// Output 5 has no node: the business's own app messages and marketing choices need no answer.
					numberOutputs: 6,
					output:
						"={{ ['echo', 'preference'].includes($json.event) ? 5 : ['edit', 'revoke'].includes($json.event) ? 4 : $json.type === 'flowResponse' ? 3 : $json.type === 'reply' && $json.reply.id === 'book' ? 1 : $json.type === 'reply' && $json.reply.id === 'hours' ? 2 : 0 }}",
				},
			},
			send('Greet With Buttons', [560, 60], {
				operation: 'sendButtons',
				headerType: 'text',
				headerText: 'Chatflow Café',
				body: "=Hi {{ $json.contact.name }}! 👋 You wrote _{{ $json.text || $json.type }}_.\nWhat would you like to do?",
				footer: 'Tap a button',
				buttons: { button: [{ id: 'book', title: 'Book a table' }, { id: 'hours', title: 'Opening hours' }] },
			}),
			send('Open Booking Flow', [560, 240], {
				operation: 'sendFlow',
				flowBy: 'id',
				flowId: BOOKING_FLOW_ID,
				flowCta: 'Book a table',
				headerType: 'none',
				body: 'Book your table in a few taps.',
				footer: '',
				flowCorrelationId: "={{ 'booking-' + $json.contact.id }}",
				flowMode: 'published',
				flowAction: 'navigate',
				flowScreen: 'WELCOME',
				flowData: '{}',
			}),
			send('Opening Hours', [560, 420], {
				operation: 'sendText',
				text: 'We are open *Monday to Saturday, 8:00–22:00* ☕\nKitchen closes at 21:30.',
			}),
			send('Confirm Booking', [560, 600], {
				operation: 'sendText',
				text: "=✅ Booked! See you soon, *{{ $json.flowResponse.responseJson.name }}*.\nYour table: {{ $json.flowResponse.responseJson.table }}{{ $json.flowResponse.responseJson.reminder === true || $json.flowResponse.responseJson.reminder === 'true' ? '\\nWe will remind you the day before.' : '' }}",
			}),
			send('Acknowledge Change', [560, 780], {
				operation: 'sendText',
				text: "={{ $json.event === 'edit' ? '✏️ Noted: you changed your message to _' + $json.text + '_' : '🗑 Noted: you deleted a message.' }}",
			}),
		],
		connections: {
			'WhatsApp Trigger': { main: [to('Route')] },
			Route: { main: [to('Greet With Buttons'), to('Open Booking Flow'), to('Opening Hours'), to('Confirm Booking'), to('Acknowledge Change'), []] },
		},
	};
}

export function flowsEndpointWorkflow(ids: ExampleIds, credential: CredentialRef) {
	return {
		name: 'Chatflow Simulator: table booking Flow endpoint',
		nodes: [
			{
				id: randomUUID(),
				name: 'Flows Endpoint',
				type: type('chatflowFlowsEndpointTrigger'),
				typeVersion: 1,
				position: [0, 0],
				webhookId: ids.flowsWebhookId,
				parameters: { verifyFlowToken: false, options: {} },
				credentials: { chatflowFlowsEndpointApi: credential },
			},
			{
				id: randomUUID(),
				name: 'Offer a Table',
				type: type('chatflowFlowsRespond'),
				typeVersion: 1,
				position: [280, 0],
				parameters: {
					respondWith: 'nextScreen',
					screen: 'CONFIRM',
					data: "={{ JSON.stringify({ summary: 'Table for ' + $json.data.guests + ' on ' + $json.data.date + ' at ' + $json.data.time, table: 'T' + (Number($json.data.guests) + 3) }) }}",
				},
				credentials: { chatflowFlowsEndpointApi: credential },
			},
		],
		connections: { 'Flows Endpoint': { main: [to('Offer a Table')] } },
	};
}
