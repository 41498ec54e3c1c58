import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform } from '../../../simulator/platform';
import { nodeFailure, nodeOutput, type RunNodeOptions } from '../../support/harness';

const TOKEN = 'EAAGm0PX4ZCpsBA-page-token';
const PAGE = '105954558954427';
const PSID = '24032163966442377';

let platform: FakePlatform;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => {
	platform.reset();
	resetRateLimiters();
});

// Version 1 of the node, run alone through n8n-core's engine.
const messenger = (parameters: IDataObject, input?: INodeExecutionData[]): RunNodeOptions => ({
	type: 'chatflowMessenger',
	typeVersion: 1,
	parameters: { options: { retryDelayMs: 5 }, ...parameters },
	input,
	credentials: { chatflowMessengerApi: { pageId: PAGE, accessToken: TOKEN, apiVersion: 'v26.0', baseUrl: platform.url } },
});
const run = async (parameters: IDataObject, input?: INodeExecutionData[]) => await nodeOutput(messenger(parameters, input));

const send = (fields: IDataObject): IDataObject => ({ resource: 'message', operation: 'send', recipientId: PSID, ...fields });
const sentBodies = () => platform.received('POST', `/v26.0/${PAGE}/messages`).map((request) => request.json);

describe('Chatflow Messenger: every message kind reaches the Send API in the reference shape', () => {
	const cases: Array<[string, IDataObject, IDataObject]> = [
		['text', { messageType: 'text', text: 'Hello 👋' }, { text: 'Hello 👋' }],
		[
			'image by URL, reusable',
			{ messageType: 'media', mediaType: 'image', mediaSource: 'url', mediaUrl: 'https://example.com/p.jpg', isReusable: true },
			{ attachment: { type: 'image', payload: { url: 'https://example.com/p.jpg', is_reusable: true } } },
		],
		[
			'audio by attachment id',
			{ messageType: 'media', mediaType: 'audio', mediaSource: 'attachmentId', attachmentId: '1857777774821032' },
			{ attachment: { type: 'audio', payload: { attachment_id: '1857777774821032' } } },
		],
		[
			'file by URL',
			{ messageType: 'media', mediaType: 'file', mediaSource: 'url', mediaUrl: 'https://example.com/terms.pdf' },
			{ attachment: { type: 'file', payload: { url: 'https://example.com/terms.pdf' } } },
		],
		[
			'button template',
			{
				messageType: 'buttonTemplate',
				templateText: 'What next?',
				buttons: {
					button: [
						{ type: 'web_url', title: 'Visit', value: 'https://www.messenger.com' },
						{ type: 'postback', title: 'Start', value: 'START' },
						{ type: 'phone_number', title: 'Call', value: '+15551234567' },
					],
				},
			},
			{
				attachment: {
					type: 'template',
					payload: {
						template_type: 'button',
						text: 'What next?',
						buttons: [
							{ type: 'web_url', url: 'https://www.messenger.com', title: 'Visit' },
							{ type: 'postback', title: 'Start', payload: 'START' },
							{ type: 'phone_number', title: 'Call', payload: '+15551234567' },
						],
					},
				},
			},
		],
		[
			'generic template',
			{
				messageType: 'genericTemplate',
				elements: {
					element: [
						{
							title: 'Classic T-shirt',
							subtitle: 'Medium',
							imageUrl: 'https://example.com/shirt.jpg',
							defaultActionUrl: 'https://example.com/shirt',
							buttons: { button: [{ type: 'postback', title: 'Buy', value: 'BUY_SHIRT' }] },
						},
						{ title: 'Cap', subtitle: '', imageUrl: '', defaultActionUrl: '' },
					],
				},
			},
			{
				attachment: {
					type: 'template',
					payload: {
						template_type: 'generic',
						elements: [
							{
								title: 'Classic T-shirt',
								subtitle: 'Medium',
								image_url: 'https://example.com/shirt.jpg',
								default_action: { type: 'web_url', url: 'https://example.com/shirt' },
								buttons: [{ type: 'postback', title: 'Buy', payload: 'BUY_SHIRT' }],
							},
							{ title: 'Cap' },
						],
					},
				},
			},
		],
		[
			'media template',
			{
				messageType: 'mediaTemplate',
				mediaTemplateType: 'video',
				templateMediaSource: 'url',
				templateMediaUrl: 'https://www.facebook.com/page/videos/123/',
				buttons: { button: [{ type: 'web_url', title: 'More', value: 'https://example.com' }] },
			},
			{
				attachment: {
					type: 'template',
					payload: {
						template_type: 'media',
						elements: [{ media_type: 'video', url: 'https://www.facebook.com/page/videos/123/', buttons: [{ type: 'web_url', url: 'https://example.com', title: 'More' }] }],
					},
				},
			},
		],
		[
			'media template by attachment id',
			{ messageType: 'mediaTemplate', mediaTemplateType: 'image', templateMediaSource: 'attachmentId', templateAttachmentId: '998877' },
			{ attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', attachment_id: '998877' }] } } },
		],
	];

	it.each(cases)('%s', async (_name, fields, message) => {
		const [item] = await run(send(fields));
		const [request] = platform.received('POST', `/v26.0/${PAGE}/messages`);
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(request.json).toEqual({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message });
		expect(item.json).toMatchObject({ channel: 'messenger', recipientId: PSID, messageId: expect.stringMatching(/^m_/) });
		expect(JSON.stringify(item.json)).not.toContain(TOKEN);
	});

	it('quick replies, MESSAGE_TAG with tag, and reply_to', async () => {
		await run(
			send({
				messageType: 'text',
				text: 'Still there?',
				messagingType: 'MESSAGE_TAG',
				tag: 'HUMAN_AGENT',
				options: { replyTo: 'm_abc', retryDelayMs: 5 },
				quickReplies: {
					reply: [
						{ contentType: 'text', title: 'Yes', payload: 'YES', imageUrl: '' },
						{ contentType: 'user_email', title: '', payload: '' },
						{ contentType: 'user_phone_number', title: '', payload: '' },
					],
				},
			}),
		);
		expect(sentBodies()).toEqual([
			{
				recipient: { id: PSID },
				messaging_type: 'MESSAGE_TAG',
				tag: 'HUMAN_AGENT',
				reply_to: { mid: 'm_abc' },
				message: {
					text: 'Still there?',
					quick_replies: [{ content_type: 'text', title: 'Yes', payload: 'YES' }, { content_type: 'user_email' }, { content_type: 'user_phone_number' }],
				},
			},
		]);
	});

	it('a reusable media message by URL reports the attachment id Meta returns', async () => {
		platform.once('POST', `/v26.0/${PAGE}/messages`, { json: { recipient_id: PSID, message_id: 'm_media', attachment_id: '687799999980546' } });
		const [item] = await run(send({ messageType: 'media', mediaType: 'image', mediaSource: 'url', mediaUrl: 'https://example.com/p.jpg', isReusable: true }));
		expect(item.json).toMatchObject({ messageId: 'm_media', attachmentId: '687799999980546' });
	});

	it('sender actions', async () => {
		for (const senderAction of ['mark_seen', 'typing_on', 'typing_off']) {
			const [item] = await run({ resource: 'message', operation: 'senderAction', recipientId: PSID, senderAction });
			expect(item.json).toMatchObject({ channel: 'messenger', recipientId: PSID, senderAction });
		}
		expect(sentBodies()).toEqual(['mark_seen', 'typing_on', 'typing_off'].map((a) => ({ recipient: { id: PSID }, sender_action: a })));
	});
});

describe('Chatflow Messenger: attachments from n8n binaries', () => {
	const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
	const items: INodeExecutionData[] = [
		{ json: {}, binary: { data: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'dot.png', fileExtension: 'png' } } },
	];

	it('uploads the binary (multipart message + filedata), then sends its attachment id', async () => {
		const [item] = await run(send({ messageType: 'media', mediaType: 'image', mediaSource: 'binary', binaryPropertyName: 'data' }), items);
		const [upload] = platform.received('POST', `/v26.0/${PAGE}/message_attachments`);
		expect(upload.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const raw = upload.body.toString('latin1');
		expect(raw).toMatch(/name="message"\r\n\r\n\{"attachment":\{"type":"image","payload":\{"is_reusable":true\}\}\}\r\n/);
		expect(raw).toMatch(/name="filedata"; filename="dot.png"\r\nContent-Type: image\/png\r\n\r\n/);
		expect(upload.body.includes(png)).toBe(true);

		const attachmentId = item.json.attachmentId as string;
		expect(attachmentId).toMatch(/^\d+$/);
		expect(sentBodies()).toEqual([{ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { attachment: { type: 'image', payload: { attachment_id: attachmentId } } } }]);
	});

	it('Attachment → Upload returns a reusable id, from a binary or from a URL', async () => {
		const [fromBinary] = await run({ resource: 'attachment', operation: 'upload', uploadType: 'image', uploadSource: 'binary', binaryPropertyName: 'data' }, items);
		expect(fromBinary.json).toMatchObject({ attachmentId: expect.stringMatching(/^\d+$/), type: 'image', fileName: 'dot.png' });
		const [fromUrl] = await run({ resource: 'attachment', operation: 'upload', uploadType: 'video', uploadSource: 'url', uploadUrl: 'https://example.com/v.mp4' });
		expect(fromUrl.json.attachmentId).toMatch(/^\d+$/);
		expect(platform.received('POST', `/v26.0/${PAGE}/message_attachments`)[1].json).toEqual({
			message: { attachment: { type: 'video', payload: { url: 'https://example.com/v.mp4', is_reusable: true } } },
		});
	});

	it('a missing binary fails before any request', async () => {
		const error = await nodeFailure(messenger(send({ messageType: 'media', mediaType: 'image', mediaSource: 'binary', binaryPropertyName: 'file' }), items));
		expect(error.message).toMatch(/binary field 'file'/);
		expect(platform.requests).toHaveLength(0);
	});
});
