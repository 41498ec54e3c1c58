import type { IDataObject } from 'n8n-workflow';

import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform } from '../../../simulator/platform';
import { nodeOutput } from '../../support/harness';

const TOKEN = '4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f';
const RECEIVER = '01234567890A=';

let platform: FakePlatform;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedViberTokens: [TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => {
	platform.reset();
	resetRateLimiters();
});

const credentials = () => ({ authToken: TOKEN, senderName: 'Chatflow Bot', senderAvatar: 'https://example.com/bot.png', baseUrl: `${platform.url}/pa` });

// Version 1 of the node, run alone through n8n-core's engine.
const run = async (parameters: IDataObject) =>
	await nodeOutput({ type: 'chatflowViber', typeVersion: 1, parameters, credentials: { chatflowViberApi: credentials() } });

const send = (fields: IDataObject): IDataObject => ({ resource: 'message', operation: 'send', receiver: RECEIVER, ...fields });
const sender = { name: 'Chatflow Bot', avatar: 'https://example.com/bot.png' };

describe('Chatflow Viber: every message kind reaches Viber in the reference shape', () => {
	const cases: Array<[string, IDataObject, IDataObject]> = [
		['text', { messageType: 'text', text: 'Hello 👋' }, { type: 'text', text: 'Hello 👋' }],
		[
			'picture',
			{ messageType: 'picture', media: 'https://example.com/p.jpg', caption: 'A photo', thumbnail: 'https://example.com/t.jpg' },
			{ type: 'picture', media: 'https://example.com/p.jpg', text: 'A photo', thumbnail: 'https://example.com/t.jpg' },
		],
		[
			'video',
			{ messageType: 'video', media: 'https://example.com/v.mp4', size: 123456, duration: 30 },
			{ type: 'video', media: 'https://example.com/v.mp4', size: 123456, duration: 30 },
		],
		[
			'file',
			{ messageType: 'file', media: 'https://example.com/f.pdf', size: 2048, fileName: 'invoice.pdf' },
			{ type: 'file', media: 'https://example.com/f.pdf', size: 2048, file_name: 'invoice.pdf' },
		],
		[
			'contact',
			{ messageType: 'contact', contactName: 'Ada', contactPhone: '+4915112345678' },
			{ type: 'contact', contact: { name: 'Ada', phone_number: '+4915112345678' } },
		],
		['location', { messageType: 'location', latitude: 52.520008, longitude: 13.404954 }, { type: 'location', location: { lat: 52.520008, lon: 13.404954 } }],
		['url', { messageType: 'url', url: 'https://example.com/page' }, { type: 'url', media: 'https://example.com/page' }],
		['sticker', { messageType: 'sticker', stickerId: 40133 }, { type: 'sticker', sticker_id: 40133 }],
	];

	it.each(cases)('%s', async (_name, fields, expected) => {
		const [item] = await run(send(fields));
		const [request] = platform.received('POST', '/pa/send_message');
		expect(request.headers['x-viber-auth-token']).toBe(TOKEN);
		expect(request.headers['content-type']).toMatch(/application\/json/);
		expect(request.json).toEqual({ receiver: RECEIVER, sender, ...expected });
		expect(item.json).toMatchObject({ channel: 'viber', recipientId: RECEIVER, type: expected.type });
		// The token is a 64-bit integer in Viber's JSON: kept exact as a string.
		expect(item.json.messageId).toMatch(/^\d{19}$/);
		expect(request.body.toString()).not.toContain('authToken');
		expect(JSON.stringify(item.json)).not.toContain(TOKEN);
	});

	it('rich media carousel built from fields, with alt text and min_api_version 2', async () => {
		await run(
			send({
				messageType: 'rich_media',
				richMediaMode: 'fields',
				groupColumns: 6,
				groupRows: 2,
				altText: 'Our menu',
				richMediaButtons: {
					button: [
						{ actionType: 'open-url', actionBody: 'https://example.com/pizza', image: 'https://example.com/pizza.jpg', columns: 6, rows: 1, text: '' },
						{ actionType: 'reply', actionBody: 'order:pizza', text: 'Order', columns: 6, rows: 1, bgColor: '#2db9b9', silent: true },
					],
				},
			}),
		);
		const [request] = platform.received('POST', '/pa/send_message');
		expect(request.json).toEqual({
			receiver: RECEIVER,
			sender,
			min_api_version: 2,
			type: 'rich_media',
			alt_text: 'Our menu',
			rich_media: {
				Type: 'rich_media',
				ButtonsGroupColumns: 6,
				ButtonsGroupRows: 2,
				Buttons: [
					{ ActionType: 'open-url', ActionBody: 'https://example.com/pizza', Image: 'https://example.com/pizza.jpg', Columns: 6, Rows: 1 },
					{ ActionType: 'reply', ActionBody: 'order:pizza', Text: 'Order', Columns: 6, Rows: 1, BgColor: '#2db9b9', Silent: true },
				],
			},
		});
	});

	it('rich media and keyboard from raw JSON are validated and sent as given', async () => {
		await run(
			send({
				messageType: 'rich_media',
				richMediaMode: 'json',
				richMediaJson: JSON.stringify({ ButtonsGroupColumns: 3, ButtonsGroupRows: 1, Buttons: [{ ActionType: 'reply', ActionBody: 'a', Text: 'A', Columns: 3, TextSize: 'large' }] }),
				keyboardMode: 'json',
				keyboardJson: { Type: 'keyboard', Buttons: [{ ActionType: 'reply', ActionBody: 'menu', Text: 'Menu', TextVAlign: 'middle' }] },
			}),
		);
		const [request] = platform.received('POST', '/pa/send_message');
		const body = request.json as IDataObject;
		expect(body.rich_media).toEqual({
			Type: 'rich_media',
			ButtonsGroupColumns: 3,
			ButtonsGroupRows: 1,
			Buttons: [{ ActionType: 'reply', ActionBody: 'a', Text: 'A', Columns: 3, TextSize: 'large' }],
		});
		expect(body.keyboard).toEqual({ Type: 'keyboard', Buttons: [{ ActionType: 'reply', ActionBody: 'menu', Text: 'Menu', TextVAlign: 'middle' }] });
	});

	it('keyboard from fields with every button kind, tracking data and sender override', async () => {
		await run(
			send({
				messageType: 'text',
				text: 'Choose',
				keyboardMode: 'fields',
				keyboardButtons: {
					button: [
						{ actionType: 'reply', text: 'Yes', actionBody: 'yes', columns: 3, rows: 1 },
						{ actionType: 'open-url', text: 'Site', actionBody: 'https://example.com', columns: 3, rows: 1 },
						{ actionType: 'location-picker', text: 'Send location', actionBody: '', columns: 3, rows: 1 },
						{ actionType: 'share-phone', text: 'Share phone', actionBody: '', columns: 3, rows: 2 },
					],
				},
				keyboardOptions: { defaultHeight: true, bgColor: '#FFFFFF', inputFieldState: 'minimized' },
				options: { trackingData: 'flow=signup;step=2', senderName: 'Support', minApiVersion: 1 },
			}),
		);
		const [request] = platform.received('POST', '/pa/send_message');
		expect(request.json).toEqual({
			receiver: RECEIVER,
			sender: { name: 'Support', avatar: 'https://example.com/bot.png' },
			tracking_data: 'flow=signup;step=2',
			min_api_version: 4,
			type: 'text',
			text: 'Choose',
			keyboard: {
				Type: 'keyboard',
				DefaultHeight: true,
				BgColor: '#FFFFFF',
				InputFieldState: 'minimized',
				Buttons: [
					{ ActionType: 'reply', ActionBody: 'yes', Text: 'Yes', Columns: 3, Rows: 1 },
					{ ActionType: 'open-url', ActionBody: 'https://example.com', Text: 'Site', Columns: 3, Rows: 1 },
					{ ActionType: 'location-picker', ActionBody: 'location-picker', Text: 'Send location', Columns: 3, Rows: 1 },
					{ ActionType: 'share-phone', ActionBody: 'share-phone', Text: 'Share phone', Columns: 3, Rows: 2 },
				],
			},
		});
	});

	it('broadcast sends one request and reports failed_list', async () => {
		// Raw bytes: a JS number literal would already be rounded before it reached the wire.
		platform.once('POST', '/pa/broadcast_message', {
			headers: { 'content-type': 'application/json' },
			body: '{"status":0,"status_message":"ok","message_token":5741311803571721087,"failed_list":[{"receiver":"u2","status":6,"status_message":"Not subscribed"}]}',
		});
		const [item] = await run({ resource: 'message', operation: 'broadcast', receivers: 'u1, u2\nu3', messageType: 'text', text: 'News' });
		const [request] = platform.received('POST', '/pa/broadcast_message');
		expect(request.json).toEqual({ broadcast_list: ['u1', 'u2', 'u3'], sender, type: 'text', text: 'News' });
		expect(item.json).toMatchObject({
			messageId: '5741311803571721087',
			recipientIds: ['u1', 'u2', 'u3'],
			deliveredTo: ['u1', 'u3'],
			failedCount: 1,
			failedList: [{ receiver: 'u2', status: 6, status_message: 'Not subscribed' }],
		});
	});
});

describe('Chatflow Viber: account and webhook', () => {
	it('gets account info and user details', async () => {
		const [info] = await run({ resource: 'account', operation: 'getInfo' });
		expect(info.json).toMatchObject({ status: 0, name: 'Chatflow Fake Bot', uri: 'chatflowfake' });
		expect(platform.received('POST', '/pa/get_account_info')[0].json).toEqual({});

		const [user] = await run({ resource: 'account', operation: 'getUserDetails', userId: RECEIVER });
		expect(platform.received('POST', '/pa/get_user_details')[0].json).toEqual({ id: RECEIVER });
		expect(user.json).toMatchObject({ id: RECEIVER, name: 'Ada Lovelace', language: 'en' });
	});

	it('sets and removes the webhook', async () => {
		const [set] = await run({
			resource: 'webhook',
			operation: 'set',
			webhookUrl: 'https://n8n.example.com/webhook/abc/viber',
			eventTypes: ['delivered', 'seen', 'conversation_started'],
			sendName: true,
			sendPhoto: false,
		});
		expect(platform.received('POST', '/pa/set_webhook')[0].json).toEqual({
			url: 'https://n8n.example.com/webhook/abc/viber',
			event_types: ['delivered', 'seen', 'conversation_started'],
			send_name: true,
			send_photo: false,
		});
		expect(set.json).toMatchObject({ status: 0, event_types: ['delivered', 'seen', 'conversation_started'] });
		const [info] = await run({ resource: 'account', operation: 'getInfo' });
		expect(info.json.webhook).toBe('https://n8n.example.com/webhook/abc/viber');

		await run({ resource: 'webhook', operation: 'remove' });
		expect(platform.received('POST', '/pa/set_webhook')[1].json).toEqual({ url: '' });
	});
});
