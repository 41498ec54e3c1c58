import {
	buttonsMessage,
	contactsMessage,
	ctaUrlMessage,
	flowMessage,
	listMessage,
	mediaMessage,
	normaliseRecipient,
	reactionMessage,
	textMessage,
	envelope,
} from '../../../nodes/WhatsApp/builders';
import { groupRows } from '../../../nodes/WhatsApp/actions/message/sendList';

const rows = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${i}` }));

describe('WhatsApp message builders enforce Meta\'s limits, naming the field', () => {
	it.each<[string, () => unknown, string]>([
		['text too long', () => textMessage('15551234567', 'x'.repeat(4097), false), 'text.body: at most 4096 characters (got 4097)'],
		['empty text', () => textMessage('15551234567', '  ', false), 'text.body: is required'],
		['4 buttons', () => buttonsMessage('1555123456', { body: 'b', buttons: rows(4) }), 'interactive.action.buttons[3]: at most 3 allowed (got 4)'],
		['no buttons', () => buttonsMessage('1555123456', { body: 'b', buttons: [] }), 'interactive.action.buttons: at least one is required'],
		['long button title', () => buttonsMessage('1555123456', { body: 'b', buttons: [{ id: 'a', title: 'b'.repeat(21) }] }), 'interactive.action.buttons[0].title: at most 20 characters (got 21)'],
		['long button id', () => buttonsMessage('1555123456', { body: 'b', buttons: [{ id: 'i'.repeat(257), title: 'ok' }] }), 'interactive.action.buttons[0].id: at most 256 characters (got 257)'],
		['duplicate button ids', () => buttonsMessage('1555123456', { body: 'b', buttons: [{ id: 'a', title: 'A' }, { id: 'a', title: 'B' }] }), 'interactive.action.buttons[1].id: button id "a" repeats interactive.action.buttons[0].id'],
		['duplicate button titles', () => buttonsMessage('1555123456', { body: 'b', buttons: [{ id: 'a', title: 'A' }, { id: 'b', title: 'A' }] }), 'interactive.action.buttons[1].title: button title "A" repeats interactive.action.buttons[0].title'],
		['missing body', () => buttonsMessage('1555123456', { body: '', buttons: rows(1) }), 'interactive.body.text: is required'],
		['long body', () => buttonsMessage('1555123456', { body: 'x'.repeat(1025), buttons: rows(1) }), 'interactive.body.text: at most 1024 characters (got 1025)'],
		['long header', () => buttonsMessage('1555123456', { header: { type: 'text', text: 'h'.repeat(61) }, body: 'b', buttons: rows(1) }), 'interactive.header.text: at most 60 characters (got 61)'],
		['long footer', () => buttonsMessage('1555123456', { footer: 'f'.repeat(61), body: 'b', buttons: rows(1) }), 'interactive.footer.text: at most 60 characters (got 61)'],
		['11 list rows', () => listMessage('1555123456', { body: 'b', button: 'Go', sections: [{ rows: rows(6) }, { title: 'T', rows: rows(5, 's') }] }), 'interactive.action.sections: at most 10 rows in total (got 11)'],
		['11 sections', () => listMessage('1555123456', { body: 'b', button: 'Go', sections: Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}`) })) }), 'interactive.action.sections[10]: at most 10 allowed (got 11)'],
		['untitled section among several', () => listMessage('1555123456', { body: 'b', button: 'Go', sections: [{ title: 'A', rows: rows(1) }, { rows: rows(1, 'z') }] }), 'interactive.action.sections[1].title: is required'],
		['long row title', () => listMessage('1555123456', { body: 'b', button: 'Go', sections: [{ rows: [{ id: 'a', title: 't'.repeat(25) }] }] }), 'interactive.action.sections[0].rows[0].title: at most 24 characters (got 25)'],
		['long row description', () => listMessage('1555123456', { body: 'b', button: 'Go', sections: [{ rows: [{ id: 'a', title: 't', description: 'd'.repeat(73) }] }] }), 'interactive.action.sections[0].rows[0].description: at most 72 characters (got 73)'],
		['long list button', () => listMessage('1555123456', { body: 'b', button: 'b'.repeat(21), sections: [{ rows: rows(1) }] }), 'interactive.action.button: at most 20 characters (got 21)'],
		['duplicate row ids across sections', () => listMessage('1555123456', { body: 'b', button: 'Go', sections: [{ title: 'A', rows: rows(1) }, { title: 'B', rows: rows(1) }] }), 'interactive.action.sections.rows.id: duplicate row id "r0"'],
		['media header on a list', () => listMessage('1555123456', { header: { type: 'image', media: { link: 'https://x.example/a.png' } }, body: 'b', button: 'Go', sections: [{ rows: rows(1) }] }), 'interactive.header.type: only a text header is allowed here'],
		['CTA without https URL', () => ctaUrlMessage('1555123456', { body: 'b', displayText: 'Go', url: 'not a url' }), 'interactive.action.parameters.url: must be an absolute URL (got "not a url")'],
		['long CTA text', () => ctaUrlMessage('1555123456', { body: 'b', displayText: 'd'.repeat(21), url: 'https://x.example' }), 'interactive.action.parameters.display_text: at most 20 characters (got 21)'],
		['flow with id and name', () => flowMessage('1555123456', { body: 'b', flowId: '1', flowName: 'n', cta: 'Go', mode: 'published', action: 'data_exchange' }), 'interactive.action.parameters.flow_id: give either a Flow ID or a Flow name (not both)'],
		['flow CTA with emoji', () => flowMessage('1555123456', { body: 'b', flowId: '1', cta: 'Go 🚀', mode: 'published', action: 'data_exchange' }), 'interactive.action.parameters.flow_cta: emoji are not allowed'],
		['flow navigate without screen', () => flowMessage('1555123456', { body: 'b', flowId: '1', cta: 'Go', mode: 'published', action: 'navigate' }), 'interactive.action.parameters.flow_action_payload.screen: is required'],
		['flow data not JSON', () => flowMessage('1555123456', { body: 'b', flowId: '1', cta: 'Go', mode: 'published', action: 'navigate', screen: 'A', data: '{oops' }), 'interactive.action.parameters.flow_action_payload.data: not valid JSON'],
		['caption on audio', () => mediaMessage('1555123456', 'audio', { id: '1', caption: 'c' }), 'audio.caption: not supported for audio'],
		['media without source', () => mediaMessage('1555123456', 'image', {}), 'image.id: a media ID or a link is required'],
		['bad birthday', () => contactsMessage('1555123456', [{ formattedName: 'A', birthday: '10/12/1815' }]), 'contacts[0].birthday: must be YYYY-MM-DD'],
		['contact without name', () => contactsMessage('1555123456', [{ formattedName: '' }]), 'contacts[0].name.formatted_name: is required'],
		['two emoji', () => reactionMessage('1555123456', 'wamid.1', '👍👍'), 'reaction.emoji: one emoji'],
		['short phone number', () => textMessage('+1 555', 'x', false), 'to: "+1 555" is not a phone number with country code'],
		['recipient that is no id', () => textMessage('ada@example.com', 'x', false), 'to: "ada@example.com" is neither a phone number nor a business-scoped user ID; use a phone number with country code'],
		['BSUID with a lower-case country', () => textMessage('us.13491208655302741918', 'x', false), 'to: "us.13491208655302741918" is neither a phone number nor a business-scoped user ID'],
		['BSUID too long', () => textMessage(`US.${'1'.repeat(129)}`, 'x', false), 'is neither a phone number nor a business-scoped user ID'],
		['opaque data too long', () => envelope('15551234567', 'text', {}, { bizOpaqueCallbackData: 'é'.repeat(257) }), 'biz_opaque_callback_data: at most 512 bytes of UTF-8 (got 514)'],
	])('%s', (_name, build, message) => {
		expect(build).toThrow(message);
	});

	it('counts characters, not UTF-16 units (emoji titles)', () => {
		const title = '🍕'.repeat(20); // 40 UTF-16 units, 20 characters
		expect(() => buttonsMessage('15551234567', { body: 'b', buttons: [{ id: 'p', title }] })).not.toThrow();
	});

	it('accepts one emoji made of several code points', () => {
		expect(() => reactionMessage('15551234567', 'wamid.1', '👨‍👩‍👧‍👦')).not.toThrow();
		expect(() => reactionMessage('15551234567', 'wamid.1', '👍🏽')).not.toThrow();
	});

	it('normalises phone numbers and keeps business-scoped user ids', () => {
		expect(normaliseRecipient('+49 (170) 123-4567')).toBe('491701234567');
		expect(normaliseRecipient(' 15551234567 ')).toBe('15551234567');
		expect(normaliseRecipient('US.13491208655302741918')).toBe('US.13491208655302741918');
		expect(normaliseRecipient(' BR.ENT.1502576394655843 ')).toBe('BR.ENT.1502576394655843');
	});

	it('sends a phone number as `to` and a BSUID or parent BSUID as `recipient`, never both', () => {
		expect(textMessage('+1 555 010 2030', 'hi', false)).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '15550102030',
			type: 'text',
			text: { preview_url: false, body: 'hi' },
		});
		const byBsuid = textMessage('US.13491208655302741918', 'hi', false);
		expect(Object.keys(byBsuid)).toEqual(['messaging_product', 'recipient_type', 'recipient', 'type', 'text']);
		expect(byBsuid.recipient).toBe('US.13491208655302741918');
		expect(reactionMessage('US.ENT.11815799212886844830', 'wamid.1', '👍')).toMatchObject({ recipient: 'US.ENT.11815799212886844830', type: 'reaction' });
		expect(reactionMessage('US.ENT.11815799212886844830', 'wamid.1', '👍')).not.toHaveProperty('to');
		const flow = flowMessage('CA.88231', { body: 'b', flowId: '1', cta: 'Go', mode: 'published', action: 'navigate', screen: 'A' });
		expect(flow).toMatchObject({ recipient: 'CA.88231', type: 'interactive' });
		expect(flow).not.toHaveProperty('to');
	});

	it('groups list rows into sections by title, in first-seen order', () => {
		expect(groupRows([{ section: 'B', id: '1', title: 'x' }, { section: 'A', id: '2', title: 'y' }, { section: 'B', id: '3', title: 'z' }])).toEqual([
			{ title: 'B', rows: [{ id: '1', title: 'x', description: undefined }, { id: '3', title: 'z', description: undefined }] },
			{ title: 'A', rows: [{ id: '2', title: 'y', description: undefined }] },
		]);
	});
});
