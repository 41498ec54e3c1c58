import type { IDataObject } from 'n8n-workflow';

import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform } from '../../../simulator/platform';
import { binaryItem, nodeOutput } from '../../support/harness';
import { PHONE_ID, sentBodies, TOKEN, whatsAppNode } from './runNode';

/**
 * Every message kind, byte for byte as it reaches the platform (shapes: Meta's messages
 * reference and "Sending a Flow"), through real HTTP on loopback.
 */
describe('Chatflow WhatsApp: message bodies on the wire', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
	});
	afterAll(async () => platform.close());
	beforeEach(() => {
		platform.reset();
		resetRateLimiters();
	});

	const message = (operation: string, extra: IDataObject): IDataObject => ({
		resource: 'message',
		operation,
		phoneNumberId: { __rl: true, mode: 'list', value: '' },
		to: '+1 (555) 010-2030',
		...extra,
	});

	const cases: Array<[string, IDataObject, unknown]> = [
		[
			'text with preview and reply context',
			message('sendText', { text: 'Hi *Ada* https://n8n.io', previewUrl: true, messageOptions: { replyToMessageId: 'wamid.IN1', bizOpaqueCallbackData: 'campaign=7' } }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'text', text: { preview_url: true, body: 'Hi *Ada* https://n8n.io' }, context: { message_id: 'wamid.IN1' }, biz_opaque_callback_data: 'campaign=7' },
		],
		[
			'image by link with caption',
			message('sendMedia', { mediaType: 'image', mediaSource: 'link', mediaLink: 'https://cdn.example.com/p.jpg', caption: 'Look' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'image', image: { link: 'https://cdn.example.com/p.jpg', caption: 'Look' } },
		],
		[
			'document by media id with file name',
			message('sendMedia', { mediaType: 'document', mediaSource: 'id', mediaId: '987654321', caption: 'Invoice', filename: 'invoice.pdf' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'document', document: { id: '987654321', caption: 'Invoice', filename: 'invoice.pdf' } },
		],
		[
			'audio by id',
			message('sendMedia', { mediaType: 'audio', mediaSource: 'id', mediaId: '42' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'audio', audio: { id: '42' } },
		],
		[
			'video by link',
			message('sendMedia', { mediaType: 'video', mediaSource: 'link', mediaLink: 'https://cdn.example.com/v.mp4' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'video', video: { link: 'https://cdn.example.com/v.mp4' } },
		],
		[
			'sticker by id',
			message('sendMedia', { mediaType: 'sticker', mediaSource: 'id', mediaId: '77' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'sticker', sticker: { id: '77' } },
		],
		[
			'location',
			message('sendLocation', { latitude: 52.5200066, longitude: 13.404954, locationName: 'Berlin', address: 'Alexanderplatz' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'location', location: { latitude: 52.5200066, longitude: 13.404954, name: 'Berlin', address: 'Alexanderplatz' } },
		],
		[
			'contacts',
			message('sendContacts', { contacts: { contact: [{ formattedName: 'Ada Lovelace', firstName: 'Ada', phone: '+44 20 7946 0000', phoneType: 'WORK', waId: '442079460000', email: 'ada@example.com', company: 'Engines', birthday: '1815-12-10' }] } }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'contacts', contacts: [{ name: { formatted_name: 'Ada Lovelace', first_name: 'Ada' }, phones: [{ phone: '+44 20 7946 0000', type: 'WORK', wa_id: '442079460000' }], emails: [{ email: 'ada@example.com' }], org: { company: 'Engines' }, birthday: '1815-12-10' }] },
		],
		[
			'reaction',
			message('sendReaction', { reactToMessageId: 'wamid.IN2', emoji: '❤️' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'reaction', reaction: { message_id: 'wamid.IN2', emoji: '❤️' } },
		],
		[
			'reaction removal',
			message('sendReaction', { reactToMessageId: 'wamid.IN2', emoji: '' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'reaction', reaction: { message_id: 'wamid.IN2', emoji: '' } },
		],
		[
			'reply buttons with image header',
			message('sendButtons', { headerType: 'image', headerMedia: 'https://cdn.example.com/h.png', body: 'Pick one', footer: 'Shop', buttons: { button: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] } }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'interactive', interactive: { type: 'button', header: { type: 'image', image: { link: 'https://cdn.example.com/h.png' } }, body: { text: 'Pick one' }, footer: { text: 'Shop' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }, { type: 'reply', reply: { id: 'no', title: 'No' } }] } } },
		],
		[
			'list with two sections',
			message('sendList', { headerType: 'text', headerText: 'Menu', body: 'What would you like?', listButton: 'Open menu', rows: { row: [
				{ section: 'Drinks', id: 'tea', title: 'Tea', description: 'Green or black' },
				{ section: 'Food', id: 'cake', title: 'Cake' },
				{ section: 'Drinks', id: 'coffee', title: 'Coffee' },
			] } }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'interactive', interactive: { type: 'list', header: { type: 'text', text: 'Menu' }, body: { text: 'What would you like?' }, action: { button: 'Open menu', sections: [
				{ title: 'Drinks', rows: [{ id: 'tea', title: 'Tea', description: 'Green or black' }, { id: 'coffee', title: 'Coffee' }] },
				{ title: 'Food', rows: [{ id: 'cake', title: 'Cake' }] },
			] } } },
		],
		[
			'CTA URL',
			message('sendCtaUrl', { headerType: 'none', body: 'Your offer', displayText: 'Open offer', url: 'https://example.com/o?id=1' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Your offer' }, action: { name: 'cta_url', parameters: { display_text: 'Open offer', url: 'https://example.com/o?id=1' } } } },
		],
		[
			'location request',
			message('sendLocationRequest', { body: 'Where are you?' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'interactive', interactive: { type: 'location_request_message', body: { text: 'Where are you?' }, action: { name: 'send_location' } } },
		],
		[
			'Flow CTA, navigate, by id',
			message('sendFlow', { flowBy: 'id', flowId: '1234567890', flowCta: 'Book!', headerType: 'text', headerText: 'Booking', body: 'Book a table', footer: 'Thanks', flowCorrelationId: 'ft-001', flowMode: 'draft', flowAction: 'navigate', flowScreen: 'WELCOME', flowData: '{"name":"Ada"}' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'interactive', interactive: { type: 'flow', header: { type: 'text', text: 'Booking' }, body: { text: 'Book a table' }, footer: { text: 'Thanks' }, action: { name: 'flow', parameters: { flow_message_version: '3', flow_token: 'ft-001', flow_id: '1234567890', flow_cta: 'Book!', mode: 'draft', flow_action: 'navigate', flow_action_payload: { screen: 'WELCOME', data: { name: 'Ada' } } } } } },
		],
		[
			'Flow CTA, data_exchange, by name',
			message('sendFlow', { flowBy: 'name', flowName: 'booking_v2', flowCta: 'Start', headerType: 'none', body: 'Hi', flowMode: 'published', flowAction: 'data_exchange' }),
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550102030', type: 'interactive', interactive: { type: 'flow', body: { text: 'Hi' }, action: { name: 'flow', parameters: { flow_message_version: '3', flow_token: 'unused', flow_name: 'booking_v2', flow_cta: 'Start', mode: 'published', flow_action: 'data_exchange' } } } },
		],
	];

	it.each(cases)('%s', async (_name, parameters, expected) => {
		const output = await nodeOutput(whatsAppNode(platform, parameters));
		expect(sentBodies(platform)).toEqual([JSON.stringify(expected)]);
		expect(output).toHaveLength(1);
		expect(output[0].json.messageId).toMatch(/^wamid\./);
		expect(output[0].json.recipientId).toBe('15550102030');
		expect(output[0].json.phoneNumberId).toBe(PHONE_ID);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect((output[0].json.response as { messages: unknown[] }).messages).toHaveLength(1);
	});

	it('mark as read with typing indicator', async () => {
		const output = await nodeOutput(whatsAppNode(platform, message('markAsRead', { readMessageId: 'wamid.IN3', typing: true })));
		expect(sentBodies(platform)).toEqual(['{"messaging_product":"whatsapp","status":"read","message_id":"wamid.IN3","typing_indicator":{"type":"text"}}']);
		expect(output[0].json).toMatchObject({ success: true, messageId: 'wamid.IN3' });
	});

	it('uploads a binary property, then sends it by the returned media id', async () => {
		const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
		platform.on('POST', `/:v/${PHONE_ID}/media`, { json: { id: '555000111' } });
		const output = await nodeOutput(
			whatsAppNode(platform, message('sendMedia', { mediaType: 'document', mediaSource: 'binary', binaryPropertyName: 'file' }), {
				input: [binaryItem(pdf, { property: 'file', mimeType: 'application/pdf', fileName: 'terms.pdf' })],
			}),
		);
		const [upload] = platform.received('POST', `/:v/${PHONE_ID}/media`);
		const boundary = /boundary=(.+)$/.exec(String(upload.headers['content-type']))![1];
		expect(upload.body.toString('latin1')).toBe(
			`--${boundary}\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n` +
				`--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\napplication/pdf\r\n` +
				`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="terms.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf.toString('latin1')}\r\n` +
				`--${boundary}--\r\n`,
		);
		expect(sentBodies(platform)).toEqual([
			'{"messaging_product":"whatsapp","recipient_type":"individual","to":"15550102030","type":"document","document":{"id":"555000111","filename":"terms.pdf"}}',
		]);
		expect(output[0].json.messageId).toMatch(/^wamid\./);
	});

	it('uses the node\'s sender number over the credential default', async () => {
		await nodeOutput(whatsAppNode(platform, { ...message('sendText', { text: 'x' }), phoneNumberId: { __rl: true, mode: 'id', value: '222333444' } }));
		expect(platform.received('POST', '/v26.0/222333444/messages')).toHaveLength(1);
	});
});
