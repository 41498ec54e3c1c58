import { MessageFieldError } from '../../../nodes/shared/fields';
import { buildMessage, buildSendBody, buildSenderActionBody, type MetaButton, type QuickReply } from '../../../nodes/shared/meta-messaging';

function fieldOf(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		if (error instanceof MessageFieldError) return error.field;
		throw error;
	}
	throw new Error('expected a MessageFieldError');
}

const postback = (n: number): MetaButton[] => Array.from({ length: n }, (_, i) => ({ type: 'postback', title: `B${i}`, payload: `p${i}` }));
const replies = (n: number): QuickReply[] => Array.from({ length: n }, (_, i) => ({ contentType: 'text', title: `Q${i}`, payload: `q${i}` }));

describe('Messenger message shapes', () => {
	it('text with quick replies of every kind', () => {
		expect(
			buildMessage('messenger', { kind: 'text', text: 'Pick' }, [
				{ contentType: 'text', title: 'Red', payload: 'RED', imageUrl: 'https://example.com/red.png' },
				{ contentType: 'user_phone_number' },
				{ contentType: 'user_email' },
			]),
		).toEqual({
			text: 'Pick',
			quick_replies: [
				{ content_type: 'text', title: 'Red', payload: 'RED', image_url: 'https://example.com/red.png' },
				{ content_type: 'user_phone_number' },
				{ content_type: 'user_email' },
			],
		});
	});

	it('attachments by URL (reusable) and by attachment id', () => {
		expect(buildMessage('messenger', { kind: 'attachment', type: 'file', source: { url: 'https://example.com/a.pdf', isReusable: true } })).toEqual({
			attachment: { type: 'file', payload: { url: 'https://example.com/a.pdf', is_reusable: true } },
		});
		expect(buildMessage('messenger', { kind: 'attachment', type: 'video', source: { attachmentId: '1857777774821032' } })).toEqual({
			attachment: { type: 'video', payload: { attachment_id: '1857777774821032' } },
		});
	});

	it('button template with the three button kinds', () => {
		expect(
			buildMessage('messenger', {
				kind: 'buttonTemplate',
				text: 'What next?',
				buttons: [
					{ type: 'web_url', title: 'Visit', url: 'https://www.messenger.com' },
					{ type: 'postback', title: 'Start', payload: 'START' },
					{ type: 'phone_number', title: 'Call us', payload: '+1 555-123-4567' },
				],
			}),
		).toEqual({
			attachment: {
				type: 'template',
				payload: {
					template_type: 'button',
					text: 'What next?',
					buttons: [
						{ type: 'web_url', url: 'https://www.messenger.com', title: 'Visit' },
						{ type: 'postback', title: 'Start', payload: 'START' },
						{ type: 'phone_number', title: 'Call us', payload: '+15551234567' },
					],
				},
			},
		});
	});

	it('generic template elements with default action and buttons; media template', () => {
		expect(
			buildMessage('messenger', {
				kind: 'genericTemplate',
				elements: [
					{ title: 'Shoe', subtitle: 'Red', imageUrl: 'https://example.com/s.jpg', defaultActionUrl: 'https://example.com/s', buttons: postback(1) },
					{ title: 'Hat' },
				],
			}),
		).toEqual({
			attachment: {
				type: 'template',
				payload: {
					template_type: 'generic',
					elements: [
						{
							title: 'Shoe',
							subtitle: 'Red',
							image_url: 'https://example.com/s.jpg',
							default_action: { type: 'web_url', url: 'https://example.com/s' },
							buttons: [{ type: 'postback', title: 'B0', payload: 'p0' }],
						},
						{ title: 'Hat' },
					],
				},
			},
		});
		expect(buildMessage('messenger', { kind: 'mediaTemplate', mediaType: 'video', source: { attachmentId: '42' }, buttons: postback(1) })).toEqual({
			attachment: {
				type: 'template',
				payload: { template_type: 'media', elements: [{ media_type: 'video', attachment_id: '42', buttons: [{ type: 'postback', title: 'B0', payload: 'p0' }] }] },
			},
		});
	});

	it('envelope: messaging types, tags and reply_to; sender actions', () => {
		const message = { text: 'x' };
		expect(buildSendBody('messenger', ' 123 ', message)).toEqual({ recipient: { id: '123' }, messaging_type: 'RESPONSE', message });
		expect(buildSendBody('messenger', '123', message, { messagingType: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE', replyTo: 'm_1' })).toEqual({
			recipient: { id: '123' },
			messaging_type: 'MESSAGE_TAG',
			tag: 'ACCOUNT_UPDATE',
			reply_to: { mid: 'm_1' },
			message,
		});
		expect(buildSenderActionBody('123', 'typing_on')).toEqual({ recipient: { id: '123' }, sender_action: 'typing_on' });
	});
});

describe('Messenger limits name the field', () => {
	it.each([
		['text over 2000 characters', () => buildMessage('messenger', { kind: 'text', text: '😀'.repeat(2001) }), 'message.text'],
		['14 quick replies', () => buildMessage('messenger', { kind: 'text', text: 'x' }, replies(14)), 'message.quick_replies[13]'],
		['quick reply title over 20', () => buildMessage('messenger', { kind: 'text', text: 'x' }, [{ contentType: 'text', title: 'x'.repeat(21), payload: 'p' }]), 'message.quick_replies[0].title'],
		['quick reply without payload', () => buildMessage('messenger', { kind: 'text', text: 'x' }, [{ contentType: 'text', title: 'A', payload: '' }]), 'message.quick_replies[0].payload'],
		['duplicate quick reply titles', () => buildMessage('messenger', { kind: 'text', text: 'x' }, [...replies(2), { contentType: 'text', title: 'Q0', payload: 'z' }]), 'message.quick_replies[2]'],
		['4 template buttons', () => buildMessage('messenger', { kind: 'buttonTemplate', text: 'x', buttons: postback(4) }), 'message.attachment.payload.buttons[3]'],
		['no template buttons', () => buildMessage('messenger', { kind: 'buttonTemplate', text: 'x', buttons: [] }), 'message.attachment.payload.buttons'],
		['template text over 640', () => buildMessage('messenger', { kind: 'buttonTemplate', text: 'x'.repeat(641), buttons: postback(1) }), 'message.attachment.payload.text'],
		['button title over 20', () => buildMessage('messenger', { kind: 'buttonTemplate', text: 'x', buttons: [{ type: 'postback', title: 't'.repeat(21), payload: 'p' }] }), 'message.attachment.payload.buttons[0].title'],
		['postback payload over 1000', () => buildMessage('messenger', { kind: 'buttonTemplate', text: 'x', buttons: [{ type: 'postback', title: 't', payload: 'p'.repeat(1001) }] }), 'message.attachment.payload.buttons[0].payload'],
		['call button without country code', () => buildMessage('messenger', { kind: 'buttonTemplate', text: 'x', buttons: [{ type: 'phone_number', title: 'Call', payload: '555 1234' }] }), 'message.attachment.payload.buttons[0].payload'],
		['web_url button with a bad URL', () => buildMessage('messenger', { kind: 'buttonTemplate', text: 'x', buttons: [{ type: 'web_url', title: 'Go', url: 'example.com' }] }), 'message.attachment.payload.buttons[0].url'],
		['11 generic elements', () => buildMessage('messenger', { kind: 'genericTemplate', elements: Array.from({ length: 11 }, () => ({ title: 't' })) }), 'message.attachment.payload.elements[10]'],
		['element title over 80', () => buildMessage('messenger', { kind: 'genericTemplate', elements: [{ title: 't'.repeat(81) }] }), 'message.attachment.payload.elements[0].title'],
		['element with 4 buttons', () => buildMessage('messenger', { kind: 'genericTemplate', elements: [{ title: 't', buttons: postback(4) }] }), 'message.attachment.payload.elements[0].buttons[3]'],
		['media template with 2 buttons', () => buildMessage('messenger', { kind: 'mediaTemplate', mediaType: 'image', source: { attachmentId: '1' }, buttons: postback(2) }), 'message.attachment.payload.elements[0].buttons[1]'],
		['like heart on Messenger', () => buildMessage('messenger', { kind: 'likeHeart' }), 'message.attachment.type'],
		['MESSAGE_TAG without a tag', () => buildSendBody('messenger', '1', {}, { messagingType: 'MESSAGE_TAG' }), 'tag'],
		['unknown tag', () => buildSendBody('messenger', '1', {}, { messagingType: 'MESSAGE_TAG', tag: 'PROMOTION' }), 'tag'],
		['tag without MESSAGE_TAG', () => buildSendBody('messenger', '1', {}, { messagingType: 'RESPONSE', tag: 'HUMAN_AGENT' }), 'tag'],
		['empty recipient', () => buildSendBody('messenger', '', {}), 'recipient.id'],
	])('%s', (_name, run, field) => {
		expect(fieldOf(run)).toBe(field);
	});

	it('counts characters, not bytes: 2000 emoji are allowed on Messenger', () => {
		expect(() => buildMessage('messenger', { kind: 'text', text: '😀'.repeat(2000) })).not.toThrow();
	});
});
