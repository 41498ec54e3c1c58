import type { IDataObject } from 'n8n-workflow';

import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform, graphError } from '../../../simulator/platform';
import { refusingEgress } from '../../support/egress';
import { nodeFailure, nodeOutput, type RunNodeOptions } from '../../support/harness';

const TOKEN = 'IGAAT-instagram-user-token';
const IG_ID = '17841405822304914';
const IGSID = '6789012345678901';

let platform: FakePlatform;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => {
	platform.reset();
	resetRateLimiters();
});

const credentials = (extra: IDataObject = {}) => ({
	route: 'instagramLogin',
	accountId: IG_ID,
	accessToken: TOKEN,
	apiVersion: 'v26.0',
	baseUrl: platform.url,
	...extra,
});

// Version 1 of the node, run alone through n8n-core's engine.
const instagram = (parameters: IDataObject, extra: { credentials?: IDataObject; continueOnFail?: boolean } = {}): RunNodeOptions => ({
	type: 'chatflowInstagram',
	typeVersion: 1,
	parameters: { options: { retryDelayMs: 2 }, ...parameters },
	continueOnFail: extra.continueOnFail,
	credentials: { chatflowInstagramApi: credentials(extra.credentials) },
});
const run = async (parameters: IDataObject, extra?: Parameters<typeof instagram>[1]) => await nodeOutput(instagram(parameters, extra));

const send = (fields: IDataObject): IDataObject => ({ resource: 'message', operation: 'send', recipientId: IGSID, ...fields });
const PATH = `/v26.0/${IG_ID}/messages`;

describe('Chatflow Instagram: message kinds in the reference shape', () => {
	const cases: Array<[string, IDataObject, IDataObject]> = [
		['text', { messageType: 'text', text: 'Hallo 👋' }, { text: 'Hallo 👋' }],
		['GIF by URL', { messageType: 'media', mediaType: 'image', mediaUrl: 'https://example.com/a.gif' }, { attachment: { type: 'image', payload: { url: 'https://example.com/a.gif' } } }],
		['audio by URL', { messageType: 'media', mediaType: 'audio', mediaUrl: 'https://example.com/a.m4a' }, { attachment: { type: 'audio', payload: { url: 'https://example.com/a.m4a' } } }],
		['video by URL', { messageType: 'media', mediaType: 'video', mediaUrl: 'https://example.com/v.mp4' }, { attachment: { type: 'video', payload: { url: 'https://example.com/v.mp4' } } }],
		['like-heart sticker', { messageType: 'likeHeart' }, { attachment: { type: 'like_heart' } }],
		['shared post', { messageType: 'mediaShare', postId: '17895695668004550' }, { attachment: { type: 'MEDIA_SHARE', payload: { id: '17895695668004550' } } }],
		[
			'text with quick replies',
			{ messageType: 'text', text: 'Size?', quickReplies: { reply: [{ title: 'S', payload: 'SIZE_S' }, { title: 'M', payload: 'SIZE_M' }] } },
			{ text: 'Size?', quick_replies: [{ content_type: 'text', title: 'S', payload: 'SIZE_S' }, { content_type: 'text', title: 'M', payload: 'SIZE_M' }] },
		],
		[
			'generic template',
			{ messageType: 'genericTemplate', elements: { element: [{ title: 'Tour', subtitle: '3 days', imageUrl: 'https://example.com/t.jpg', buttons: { button: [{ type: 'web_url', title: 'Book', value: 'https://example.com/book' }] } }] } },
			{
				attachment: {
					type: 'template',
					payload: {
						template_type: 'generic',
						elements: [{ title: 'Tour', subtitle: '3 days', image_url: 'https://example.com/t.jpg', buttons: [{ type: 'web_url', url: 'https://example.com/book', title: 'Book' }] }],
					},
				},
			},
		],
		[
			'button template',
			{ messageType: 'buttonTemplate', templateText: 'Talk to us', buttons: { button: [{ type: 'postback', title: 'Agent', value: 'AGENT' }] } },
			{ attachment: { type: 'template', payload: { template_type: 'button', text: 'Talk to us', buttons: [{ type: 'postback', title: 'Agent', payload: 'AGENT' }] } } },
		],
	];

	it.each(cases)('%s', async (_name, fields, message) => {
		const [item] = await run(send(fields));
		const [request] = platform.received('POST', PATH);
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(request.json).toEqual({ recipient: { id: IGSID }, messaging_type: 'RESPONSE', message });
		expect(item.json).toMatchObject({ channel: 'instagram', recipientId: IGSID, messageId: expect.any(String) });
	});

	it('react, unreact and sender actions', async () => {
		await run({ resource: 'message', operation: 'react', recipientId: IGSID, messageId: 'aWdfZAG1f' });
		await run({ resource: 'message', operation: 'unreact', recipientId: IGSID, messageId: 'aWdfZAG1f' });
		const [typing] = await run({ resource: 'message', operation: 'senderAction', recipientId: IGSID, senderAction: 'typing_on' });
		expect(platform.received('POST', PATH).map((r) => r.json)).toEqual([
			{ recipient: { id: IGSID }, sender_action: 'react', payload: { message_id: 'aWdfZAG1f', reaction: 'love' } },
			{ recipient: { id: IGSID }, sender_action: 'unreact', payload: { message_id: 'aWdfZAG1f' } },
			{ recipient: { id: IGSID }, sender_action: 'typing_on' },
		]);
		expect(typing.json).toMatchObject({ channel: 'instagram', recipientId: IGSID, senderAction: 'typing_on' });
	});

	it('the Page route sends as /me with the page token', async () => {
		await run(send({ messageType: 'text', text: 'via page' }), { credentials: { route: 'page' } });
		expect(platform.received('POST', '/v26.0/me/messages')).toHaveLength(1);
	});

	it('the Instagram Login route defaults to graph.instagram.com, the Page route to graph.facebook.com', async () => {
		// n8n's outbound rules see the URL before any connection is made; refusing it keeps the
		// test off the internet.
		const defaults = async (route: string) => {
			const egressFilter = refusingEgress(['graph.instagram.com', 'graph.facebook.com']);
			const error = await nodeFailure({ ...instagram(send({ messageType: 'text', text: 'x' }), { credentials: { baseUrl: '', route } }), egressFilter });
			expect(error.message).toContain("Refused by n8n's outbound network rules");
			return egressFilter.urls;
		};
		expect(await defaults('instagramLogin')).toEqual([`https://graph.instagram.com/v26.0/${IG_ID}/messages`]);
		expect(await defaults('page')).toEqual(['https://graph.facebook.com/v26.0/me/messages']);
	});

	it('Instagram limits apply: 1000 bytes of text, HUMAN_AGENT only', async () => {
		const output = await run(send({ messageType: 'text', text: '😀'.repeat(251), messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }), { continueOnFail: true });
		expect(output[0].json).toMatchObject({ field: 'message.text' });
		expect(platform.requests).toHaveLength(0);
	});

	it('a retryable Graph error (4) is retried; a final one (10) is not', async () => {
		platform.once('POST', PATH, graphError(4, 'Application request limit reached'));
		await run(send({ messageType: 'text', text: 'retry me' }));
		expect(platform.received('POST', PATH)).toHaveLength(2);
		platform.reset();
		platform.on('POST', PATH, graphError(10, 'outside of allowed window'));
		const [failed] = await run(send({ messageType: 'text', text: 'late' }), { continueOnFail: true });
		expect(failed.json).toMatchObject({ errorDetails: { code: 10 } });
		expect(platform.received('POST', PATH)).toHaveLength(1);
	});
});

describe('Chatflow Instagram: token refresh', () => {
	it('refreshes with the token in the header, not the URL, and keeps the new token out of the output', async () => {
		const [item] = await run({ resource: 'account', operation: 'refreshToken', includeToken: false });
		const [request] = platform.received('GET', '/refresh_access_token');
		expect(request.query).toEqual({ grant_type: 'ig_refresh_token' });
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(item.json).toMatchObject({ channel: 'instagram', accountId: IG_ID, tokenType: 'bearer', expiresIn: 5_183_944, tokenChanged: true });
		expect(Date.parse(String(item.json.expiresAt)) - Date.now()).toBeGreaterThan(59 * 24 * 3600 * 1000);
		expect(item.json).not.toHaveProperty('accessToken');
	});

	it('returns the new token only when asked to', async () => {
		const [item] = await run({ resource: 'account', operation: 'refreshToken', includeToken: true });
		expect(item.json.accessToken).toMatch(/^IGAA/);
	});

	it('is refused on the Page route before any request', async () => {
		const [item] = await run({ resource: 'account', operation: 'refreshToken', includeToken: false }, { credentials: { route: 'page' }, continueOnFail: true });
		expect(item.json).toMatchObject({ field: 'route' });
		expect(platform.requests).toHaveLength(0);
	});
});
