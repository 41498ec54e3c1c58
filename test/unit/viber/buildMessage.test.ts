import { MessageFieldError } from '../../../nodes/shared/fields';
import { buildViberMessage, type ViberContent, type ViberEnvelope } from '../../../nodes/shared/viber';

const sender = { name: 'Chatflow Bot', avatar: 'https://example.com/a.png' };
const envelope: ViberEnvelope = { sender };
const to = { receiver: '01234567890A=' };

function fieldError(run: () => unknown): MessageFieldError {
	try {
		run();
	} catch (error) {
		if (error instanceof MessageFieldError) return error;
		throw error;
	}
	throw new Error('expected a MessageFieldError');
}

describe('buildViberMessage: every message type matches the reference shape', () => {
	const cases: Array<[string, ViberContent, Record<string, unknown>]> = [
		['text', { type: 'text', text: 'Hi 👋' }, { type: 'text', text: 'Hi 👋' }],
		[
			'picture',
			{ type: 'picture', media: 'https://example.com/p.jpg', text: 'Look', thumbnail: 'https://example.com/t.jpg' },
			{ type: 'picture', media: 'https://example.com/p.jpg', text: 'Look', thumbnail: 'https://example.com/t.jpg' },
		],
		['picture without caption', { type: 'picture', media: 'https://example.com/p.jpg' }, { type: 'picture', media: 'https://example.com/p.jpg', text: '' }],
		[
			'video',
			{ type: 'video', media: 'https://example.com/v.mp4', size: 10_000, duration: 12 },
			{ type: 'video', media: 'https://example.com/v.mp4', size: 10_000, duration: 12 },
		],
		[
			'file',
			{ type: 'file', media: 'https://example.com/f.pdf', size: 2048, fileName: 'invoice.pdf' },
			{ type: 'file', media: 'https://example.com/f.pdf', size: 2048, file_name: 'invoice.pdf' },
		],
		[
			'contact',
			{ type: 'contact', name: 'Ada', phoneNumber: '+15551234567' },
			{ type: 'contact', contact: { name: 'Ada', phone_number: '+15551234567' } },
		],
		['location', { type: 'location', lat: 52.52, lon: 13.405 }, { type: 'location', location: { lat: 52.52, lon: 13.405 } }],
		['url', { type: 'url', media: 'https://example.com' }, { type: 'url', media: 'https://example.com' }],
		['sticker', { type: 'sticker', stickerId: 46105 }, { type: 'sticker', sticker_id: 46105 }],
	];

	it.each(cases)('%s', (_name, content, expected) => {
		const body = buildViberMessage(to, envelope, content);
		expect(body).toEqual({ receiver: '01234567890A=', sender, ...expected });
	});

	it('rich media sets Type, the grid defaults, alt_text and min_api_version 2', () => {
		const body = buildViberMessage(to, envelope, {
			type: 'rich_media',
			altText: 'Our menu',
			richMedia: {
				Type: 'rich_media',
				ButtonsGroupColumns: 6,
				ButtonsGroupRows: 2,
				Buttons: [
					{ ActionType: 'open-url', ActionBody: 'https://example.com/1', Image: 'https://example.com/1.jpg', Columns: 6, Rows: 1 },
					{ ActionType: 'reply', ActionBody: 'buy:1', Text: 'Buy', Columns: 6, Rows: 1 },
				],
			},
		});
		expect(body).toMatchObject({ type: 'rich_media', min_api_version: 2, alt_text: 'Our menu' });
		expect(body.rich_media).toEqual({
			Type: 'rich_media',
			ButtonsGroupColumns: 6,
			ButtonsGroupRows: 2,
			Buttons: [
				{ ActionType: 'open-url', ActionBody: 'https://example.com/1', Image: 'https://example.com/1.jpg', Columns: 6, Rows: 1 },
				{ ActionType: 'reply', ActionBody: 'buy:1', Text: 'Buy', Columns: 6, Rows: 1 },
			],
		});
	});

	it('attaches a keyboard to any type and raises min_api_version for share-phone / location-picker', () => {
		const body = buildViberMessage(
			to,
			{
				...envelope,
				trackingData: 'step=2',
				keyboard: {
					Type: 'keyboard',
					Buttons: [
						{ ActionType: 'share-phone', ActionBody: '', Text: 'Share phone', Columns: 3 },
						{ ActionType: 'location-picker', ActionBody: '', Text: 'Where am I', Columns: 3 },
					],
				},
			},
			{ type: 'url', media: 'https://example.com' },
		);
		expect(body.min_api_version).toBe(3);
		expect(body.tracking_data).toBe('step=2');
		expect(body.keyboard).toEqual({
			Type: 'keyboard',
			Buttons: [
				{ ActionType: 'share-phone', ActionBody: 'share-phone', Text: 'Share phone', Columns: 3 },
				{ ActionType: 'location-picker', ActionBody: 'location-picker', Text: 'Where am I', Columns: 3 },
			],
		});
	});

	it('keeps a higher user-set min_api_version and InputFieldState needs 4', () => {
		const keyboard = { Type: 'keyboard' as const, InputFieldState: 'hidden' as const, Buttons: [{ ActionType: 'reply' as const, ActionBody: 'a', Text: 'A' }] };
		expect(buildViberMessage(to, { ...envelope, keyboard }, { type: 'text', text: 'x' }).min_api_version).toBe(4);
		expect(buildViberMessage(to, { ...envelope, minApiVersion: 7 }, { type: 'text', text: 'x' }).min_api_version).toBe(7);
		expect(buildViberMessage(to, envelope, { type: 'text', text: 'x' })).not.toHaveProperty('min_api_version');
	});

	it('broadcast puts the receivers into broadcast_list', () => {
		const body = buildViberMessage({ broadcastList: ['a', ' b ', ''] }, envelope, { type: 'text', text: 'x' });
		expect(body.broadcast_list).toEqual(['a', 'b']);
		expect(body).not.toHaveProperty('receiver');
	});
});

describe('buildViberMessage: limits name the field', () => {
	const text = (value: string): ViberContent => ({ type: 'text', text: value });

	it.each([
		['text over 7000', () => buildViberMessage(to, envelope, text('a'.repeat(7001))), 'text', /at most 7000 characters \(got 7001\)/],
		['empty text', () => buildViberMessage(to, envelope, text('  ')), 'text', /required/],
		['sender name over 28', () => buildViberMessage(to, { sender: { name: 'x'.repeat(29) } }, text('a')), 'sender.name', /28/],
		['tracking data over 4000', () => buildViberMessage(to, { ...envelope, trackingData: 't'.repeat(4001) }, text('a')), 'tracking_data', /4000/],
		['empty receiver', () => buildViberMessage({ receiver: ' ' }, envelope, text('a')), 'receiver', /required/],
		[
			'301 broadcast receivers',
			() => buildViberMessage({ broadcastList: Array.from({ length: 301 }, (_, i) => `u${i}`) }, envelope, text('a')),
			'broadcast_list[300]',
			/at most 300/,
		],
		['duplicate receivers', () => buildViberMessage({ broadcastList: ['a', 'b', 'a'] }, envelope, text('a')), 'broadcast_list[2]', /repeats/],
		['picture caption over 768', () => buildViberMessage(to, envelope, { type: 'picture', media: 'https://e.com/p.jpg', text: 'c'.repeat(769) }), 'text', /768/],
		['relative media URL', () => buildViberMessage(to, envelope, { type: 'url', media: '/x' }), 'media', /absolute URL/],
		['ftp media URL', () => buildViberMessage(to, envelope, { type: 'url', media: 'ftp://e.com/x' }), 'media', /http\(s\)/],
		['video over 180 s', () => buildViberMessage(to, envelope, { type: 'video', media: 'https://e.com/v.mp4', size: 1, duration: 181 }), 'duration', /180/],
		['file over 50 MB', () => buildViberMessage(to, envelope, { type: 'file', media: 'https://e.com/f', size: 50 * 1024 * 1024 + 1, fileName: 'f' }), 'size', /between/],
		['latitude 91', () => buildViberMessage(to, envelope, { type: 'location', lat: 91, lon: 0 }), 'location.lat', /-90 and 90/],
		['contact phone over 18', () => buildViberMessage(to, envelope, { type: 'contact', name: 'A', phoneNumber: '1'.repeat(19) }), 'contact.phone_number', /18/],
		['sticker id 0', () => buildViberMessage(to, envelope, { type: 'sticker', stickerId: 0 }), 'sticker_id', /between/],
	])('%s', (_name, run, field, problem) => {
		const error = fieldError(run);
		expect(error.field).toBe(field);
		expect(error.message).toMatch(problem);
		expect(error.message.startsWith(`${field}: `)).toBe(true);
	});

	it('keyboard buttons: columns, rows, action types and URLs', () => {
		const send = (button: Record<string, unknown>) =>
			buildViberMessage(to, { ...envelope, keyboard: { Type: 'keyboard', Buttons: [button as never] } }, text('a'));
		expect(fieldError(() => send({ ActionType: 'reply', ActionBody: 'a', Text: 'A', Columns: 7 })).field).toBe('keyboard.Buttons[0].Columns');
		expect(fieldError(() => send({ ActionType: 'reply', ActionBody: 'a', Text: 'A', Rows: 3 })).field).toBe('keyboard.Buttons[0].Rows');
		expect(fieldError(() => send({ ActionType: 'dial', ActionBody: 'a', Text: 'A' })).field).toBe('keyboard.Buttons[0].ActionType');
		expect(fieldError(() => send({ ActionType: 'open-url', ActionBody: 'not a url', Text: 'A' })).field).toBe('keyboard.Buttons[0].ActionBody');
		expect(fieldError(() => send({ ActionType: 'reply', ActionBody: '', Text: 'A' })).field).toBe('keyboard.Buttons[0].ActionBody');
		expect(fieldError(() => send({ ActionType: 'reply', ActionBody: 'a' })).field).toBe('keyboard.Buttons[0].Text');
		expect(fieldError(() => send({ ActionType: 'reply', ActionBody: 'a', Text: 't'.repeat(251) })).field).toBe('keyboard.Buttons[0].Text');
		expect(fieldError(() => buildViberMessage(to, { ...envelope, keyboard: { Type: 'keyboard', Buttons: [] } }, text('a'))).field).toBe('keyboard.Buttons');
	});

	it('rich media: grid range, share-phone not allowed, and at most six groups of cells', () => {
		const rich = (richMedia: Record<string, unknown>) => () =>
			buildViberMessage(to, envelope, { type: 'rich_media', richMedia: richMedia as never });
		const reply = (n: number, size: Record<string, number> = {}) =>
			Array.from({ length: n }, (_, i) => ({ ActionType: 'reply', ActionBody: `r${i}`, Text: `R${i}`, ...size }));
		expect(fieldError(rich({ ButtonsGroupColumns: 7, Buttons: reply(1) })).field).toBe('rich_media.ButtonsGroupColumns');
		expect(fieldError(rich({ ButtonsGroupRows: 8, Buttons: reply(1) })).field).toBe('rich_media.ButtonsGroupRows');
		expect(fieldError(rich({ Buttons: [{ ActionType: 'share-phone', ActionBody: 'x', Text: 'x' }] })).field).toBe('rich_media.Buttons[0].ActionType');
		// 6 columns × 2 rows per group → 6 groups hold 72 cells: 12 buttons of 6×1 = 72 cells fit, 13 do not.
		expect(() => rich({ ButtonsGroupColumns: 6, ButtonsGroupRows: 2, Buttons: reply(12, { Columns: 6, Rows: 1 }) })()).not.toThrow();
		const tooMany = fieldError(rich({ ButtonsGroupColumns: 6, ButtonsGroupRows: 2, Buttons: reply(13, { Columns: 6, Rows: 1 }) }));
		expect(tooMany.field).toBe('rich_media.Buttons');
		expect(tooMany.message).toMatch(/78 cells/);
		expect(fieldError(rich({ ButtonsGroupColumns: 3, ButtonsGroupRows: 2, Buttons: reply(1, { Columns: 4 }) })).field).toBe('rich_media.Buttons[0].Columns');
	});

	it('rejects a request over 30 KB as a whole', () => {
		const buttons = Array.from({ length: 140 }, (_, i) => ({ ActionType: 'reply' as const, ActionBody: `${i}`.padEnd(200, 'x'), Text: 'T' }));
		const error = fieldError(() => buildViberMessage(to, { ...envelope, keyboard: { Type: 'keyboard', Buttons: buttons } }, text('a')));
		expect(error.field).toBe('message');
		expect(error.message).toMatch(/30720/);
	});
});
