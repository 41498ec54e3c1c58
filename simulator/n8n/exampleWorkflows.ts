import { randomUUID } from 'node:crypto';

/**
 * The examples that `npm run dev` puts into n8n next to the simulator (and the browser e2e runs),
 * so every channel of the chat page has a bot:
 * - WhatsApp: an echo bot that greets with reply buttons, opens the table-booking Flow of
 *   simulator/fixtures/simulator.json, answers its data exchange, and confirms the booking. It
 *   also acknowledges the contact's edits and deletions, and takes business-app echoes and
 *   marketing preferences without answering, so every event the chat page can make shows in n8n.
 * - Messenger, Instagram and Viber: one bot with a trigger per channel, one shared answer, and a
 *   send node per channel offering the next questions as quick replies (Viber: a keyboard).
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

/** webhookIds of the Messenger, Instagram and Viber triggers of the messaging bot: /webhook/<id>/webhook */
export interface MessagingBotIds {
	messenger: string;
	instagram: string;
	viber: string;
}

export const WHATSAPP_BOT_NAME = 'Chatflow Simulator: WhatsApp echo bot';
export const FLOWS_ENDPOINT_NAME = 'Chatflow Simulator: table booking Flow endpoint';
export const MESSAGING_BOT_NAME = 'Chatflow Simulator: Messenger, Instagram and Viber bot';

export const BOOKING_FLOW_ID = '71000000000000001';

export function newExampleIds(): ExampleIds {
	return { messagesWebhookId: randomUUID(), flowsWebhookId: randomUUID() };
}

export function newMessagingBotIds(): MessagingBotIds {
	return { messenger: randomUUID(), instagram: randomUUID(), viber: randomUUID() };
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
		name: WHATSAPP_BOT_NAME,
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
		name: FLOWS_ENDPOINT_NAME,
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

const OPENING_HOURS = 'We are open Monday to Saturday, 8:00–22:00 ☕ The kitchen closes at 21:30.';
const ADDRESS = 'You find us at Pariser Platz 1, Berlin, next to the Brandenburg Gate 📍';

/**
 * One bot for the three channels without Flows: what the contact wrote or tapped (a quick reply's
 * payload, or a Viber keyboard button's text) picks the answer, and every answer offers the same
 * two questions again, so a conversation can go on by tapping.
 */
export function messagingBotWorkflow(ids: MessagingBotIds, credentials: { metaApp: CredentialRef; messenger: CredentialRef; instagram: CredentialRef; viber: CredentialRef }) {
	const metaTrigger = (name: string, node: string, webhookId: string, position: [number, number]) => ({
		id: randomUUID(),
		name,
		type: type(node),
		typeVersion: 2,
		position,
		webhookId,
		parameters: { registration: 'manual', events: ['message', 'postback'], messageTypes: [], options: {} },
		credentials: { chatflowMetaAppApi: credentials.metaApp },
	});
	const quickReplies = (withType: boolean) => ({
		reply: [
			{ ...(withType ? { contentType: 'text' } : {}), title: 'Opening hours', payload: 'hours', imageUrl: '' },
			{ ...(withType ? { contentType: 'text' } : {}), title: 'Where are you?', payload: 'address', imageUrl: '' },
		],
	});
	const metaReply = (name: string, node: string, credential: Record<string, CredentialRef>, position: [number, number], withType: boolean) => ({
		id: randomUUID(),
		name,
		type: type(node),
		typeVersion: 2,
		position,
		parameters: {
			resource: 'message',
			operation: 'send',
			recipientId: '={{ $json.recipient }}',
			messageType: 'text',
			text: '={{ $json.answer }}',
			messagingType: 'RESPONSE',
			quickReplies: quickReplies(withType),
			messageOptions: {},
			runOptions: {},
		},
		credentials: credential,
	});
	const keyboardButton = (text: string, actionBody: string) => ({ actionType: 'reply', text, actionBody, image: '', columns: 3, rows: 1, bgColor: '', silent: false });
	return {
		name: MESSAGING_BOT_NAME,
		nodes: [
			metaTrigger('Messenger Trigger', 'chatflowMessengerTrigger', ids.messenger, [0, 0]),
			metaTrigger('Instagram Trigger', 'chatflowInstagramTrigger', ids.instagram, [0, 200]),
			{
				id: randomUUID(),
				name: 'Viber Trigger',
				type: type('chatflowViberTrigger'),
				typeVersion: 2,
				position: [0, 400],
				webhookId: ids.viber,
				parameters: { registration: 'manual', events: ['message'], messageTypes: [], sendWelcome: false, options: {} },
				credentials: { chatflowViberApi: credentials.viber },
			},
			{
				id: randomUUID(),
				name: 'Answer',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [260, 200],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{ id: randomUUID(), name: 'channel', value: '={{ $json.channel }}', type: 'string' },
							{ id: randomUUID(), name: 'recipient', value: '={{ $json.contact.id }}', type: 'string' },
							{
								id: randomUUID(),
								name: 'answer',
								type: 'string',
								// A quick reply's payload, a Viber keyboard button's text, or what the contact typed.
								// Messenger and Instagram webhooks carry no name: the greeting goes without one there.
								value: `={{ /hour/i.test(($json.reply && $json.reply.id) || $json.text || '') ? ${JSON.stringify(OPENING_HOURS)} : /address|where/i.test(($json.reply && $json.reply.id) || $json.text || '') ? ${JSON.stringify(ADDRESS)} : 'Hi' + ($json.contact.name ? ' ' + $json.contact.name : '') + '! 👋 You wrote “' + ($json.text || $json.type) + '”. What would you like to know?' }}`,
							},
						],
					},
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Route by Channel',
				type: 'n8n-nodes-base.switch',
				typeVersion: 3.2,
				position: [500, 200],
				parameters: { mode: 'expression', numberOutputs: 3, output: "={{ ['messenger', 'instagram', 'viber'].indexOf($json.channel) }}" },
			},
			metaReply('Reply on Messenger', 'chatflowMessenger', { chatflowMessengerApi: credentials.messenger }, [760, 0], true),
			metaReply('Reply on Instagram', 'chatflowInstagram', { chatflowInstagramApi: credentials.instagram }, [760, 200], false),
			{
				id: randomUUID(),
				name: 'Reply on Viber',
				type: type('chatflowViber'),
				typeVersion: 2,
				position: [760, 400],
				parameters: {
					resource: 'message',
					operation: 'send',
					receiver: '={{ $json.recipient }}',
					messageType: 'text',
					text: '={{ $json.answer }}',
					keyboardMode: 'fields',
					keyboardButtons: { button: [keyboardButton('Opening hours', 'hours'), keyboardButton('Where are you?', 'address')] },
				},
				credentials: { chatflowViberApi: credentials.viber },
			},
		],
		connections: {
			'Messenger Trigger': { main: [to('Answer')] },
			'Instagram Trigger': { main: [to('Answer')] },
			'Viber Trigger': { main: [to('Answer')] },
			Answer: { main: [to('Route by Channel')] },
			'Route by Channel': { main: [to('Reply on Messenger'), to('Reply on Instagram'), to('Reply on Viber')] },
		},
	};
}
