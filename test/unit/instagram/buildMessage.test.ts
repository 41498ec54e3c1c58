import { MessageFieldError } from '../../../nodes/shared/fields';
import { buildMessage, buildReactionBody, buildSendBody } from '../../../nodes/shared/meta-messaging';

function fieldOf(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		if (error instanceof MessageFieldError) return error.field;
		throw error;
	}
	throw new Error('expected a MessageFieldError');
}

describe('Instagram message shapes', () => {
	it('like-heart sticker, shared post, media by URL', () => {
		expect(buildMessage('instagram', { kind: 'likeHeart' })).toEqual({ attachment: { type: 'like_heart' } });
		expect(buildMessage('instagram', { kind: 'mediaShare', postId: '17895695668004550' })).toEqual({
			attachment: { type: 'MEDIA_SHARE', payload: { id: '17895695668004550' } },
		});
		expect(buildMessage('instagram', { kind: 'attachment', type: 'image', source: { url: 'https://example.com/a.gif', isReusable: true } })).toEqual({
			attachment: { type: 'image', payload: { url: 'https://example.com/a.gif' } },
		});
	});

	it('reactions: react sends love, unreact has no reaction', () => {
		expect(buildReactionBody('IGSID', 'mid.1', true)).toEqual({
			recipient: { id: 'IGSID' },
			sender_action: 'react',
			payload: { message_id: 'mid.1', reaction: 'love' },
		});
		expect(buildReactionBody('IGSID', 'mid.1', false)).toEqual({ recipient: { id: 'IGSID' }, sender_action: 'unreact', payload: { message_id: 'mid.1' } });
	});

	it('generic and button templates have the Messenger shape', () => {
		expect(buildMessage('instagram', { kind: 'buttonTemplate', text: 'Hi', buttons: [{ type: 'web_url', title: 'Shop', url: 'https://example.com' }] })).toEqual({
			attachment: { type: 'template', payload: { template_type: 'button', text: 'Hi', buttons: [{ type: 'web_url', url: 'https://example.com', title: 'Shop' }] } },
		});
	});
});

describe('Instagram limits differ from Messenger', () => {
	it('text is limited to 1000 bytes of UTF-8, not characters', () => {
		expect(() => buildMessage('instagram', { kind: 'text', text: 'a'.repeat(1000) })).not.toThrow();
		// 251 emoji = 1004 bytes, far fewer than 1000 characters.
		const error = (() => {
			try {
				buildMessage('instagram', { kind: 'text', text: '😀'.repeat(251) });
			} catch (e) {
				return e as MessageFieldError;
			}
			return undefined;
		})();
		expect(error?.field).toBe('message.text');
		expect(error?.message).toContain('at most 1000 bytes of UTF-8 (got 1004)');
	});

	it.each([
		['phone quick reply', () => buildMessage('instagram', { kind: 'text', text: 'x' }, [{ contentType: 'user_phone_number' }]), 'message.quick_replies[0].content_type'],
		['call button', () => buildMessage('instagram', { kind: 'buttonTemplate', text: 'x', buttons: [{ type: 'phone_number', title: 'Call', payload: '+15551234567' }] }), 'message.attachment.payload.buttons[0].type'],
		['file attachment', () => buildMessage('instagram', { kind: 'attachment', type: 'file', source: { url: 'https://example.com/a.pdf' } }), 'message.attachment.type'],
		['attachment id', () => buildMessage('instagram', { kind: 'attachment', type: 'image', source: { attachmentId: '1' } }), 'message.attachment.payload.attachment_id'],
		['media template', () => buildMessage('instagram', { kind: 'mediaTemplate', mediaType: 'image', source: { attachmentId: '1' } }), 'message.attachment.payload.template_type'],
		['quick replies on a sticker', () => buildMessage('instagram', { kind: 'likeHeart' }, [{ contentType: 'text', title: 'a', payload: 'b' }]), 'message.quick_replies'],
		['tag other than HUMAN_AGENT', () => buildSendBody('instagram', '1', {}, { messagingType: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' }), 'tag'],
		['reaction without message id', () => buildReactionBody('1', ' ', true), 'payload.message_id'],
	])('%s', (_name, run, field) => {
		expect(fieldOf(run)).toBe(field);
	});
});
