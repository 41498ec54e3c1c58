import { runPipeline, type Channel, type ChatEvent } from '../../../nodes/shared/ingestion';
import { fixtureBytes, fixtureNames, secretsFor, signedRequest } from '../../support/webhookFixtures';

type Expected = Array<Partial<ChatEvent> & Record<string, unknown>>;

function events(channel: Channel, name: string): ChatEvent[] {
	const result = runPipeline(signedRequest(channel, fixtureBytes(channel, name)), { channel, secrets: secretsFor(channel) });
	expect(result).toMatchObject({ status: 200 });
	expect(result.reason).toBeUndefined();
	return result.events;
}

const PAGE = '107714394487210';
const PSID = '6817394857162534';
const IG = '17841405822304914';
const IGSID = '1234567890123456';

const messenger: Record<string, Expected> = {
	text: [{ event: 'message', type: 'text', text: 'Hallo! Ça va? 🙂', accountId: PAGE, contact: { id: PSID, name: '', key: PSID }, timestamp: '2024-11-21T18:00:00.456Z', messageId: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P' }],
	quick_reply: [{ type: 'reply', platformType: 'quick_reply', reply: { id: 'COLOR_RED', title: 'Red' }, text: 'Red' }],
	reply_to: [{ type: 'text', context: { messageId: 'm_original', from: '' } }],
	attachment_image: [{ type: 'image', media: { id: '', url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/img.jpg', mimeType: '', kind: 'image' } }],
	attachment_audio: [{ type: 'audio', media: expect.objectContaining({ url: 'https://cdn.fbsbx.com/v/audioclip.mp4' }) }],
	attachment_video: [{ type: 'video' }],
	attachment_file: [{ type: 'document', platformType: 'file', media: expect.objectContaining({ url: 'https://cdn.fbsbx.com/v/report.pdf' }) }],
	attachments_multiple: [{ type: 'image', attachments: [expect.objectContaining({ url: 'https://scontent.xx.fbcdn.net/a.jpg' }), expect.objectContaining({ url: 'https://scontent.xx.fbcdn.net/b.jpg' })] }],
	sticker: [{ type: 'image', media: expect.objectContaining({ id: '369239263222822' }) }],
	location: [{ type: 'location', location: { latitude: 48.8584, longitude: 2.2945 } }],
	fallback: [{ type: 'url', text: 'https://example.com', media: expect.objectContaining({ url: 'https://example.com', caption: 'Example' }) }],
	echo: [{ event: 'echo', type: 'text', text: 'Thanks for your order', contact: { id: PSID, name: '', key: PSID }, messageId: 'm_echo' }],
	postback: [{ event: 'postback', type: 'reply', reply: { id: 'GET_STARTED', title: 'Get Started' }, messageId: 'm_pb1', referral: { ref: 'welcome', source: 'SHORTLINK', type: 'OPEN_THREAD' } }],
	read: [{ event: 'read', status: 'read', watermark: 1732211999000, messageId: '' }],
	delivery: [{ event: 'delivery', status: 'delivered', messageId: 'm_sent1', messageIds: ['m_sent1', 'm_sent2'] }],
	reaction: [{ event: 'reaction', type: 'reaction', reaction: { messageId: 'm_sent1', emoji: '❤️', action: 'react' } }],
	referral: [{ event: 'referral', text: 'summer-campaign', referral: expect.objectContaining({ source: 'SHORTLINK' }) }],
	standby: [{ event: 'message', text: 'talking to the inbox', standby: true }],
	unknown_optin: [{ event: 'unknown', type: 'unknown', platformType: 'optin', raw: expect.objectContaining({ optin: expect.objectContaining({ payload: 'deals' }) }) }],
	feed_change: [{ event: 'accountEvent', platformType: 'feed', accountId: PAGE }],
	batch_multi_entry: [
		{ messageId: 'm_b1', text: 'one' },
		{ messageId: 'm_b2', text: 'two', contact: { id: '6817394857160000', name: '', key: '6817394857160000' } },
		{ event: 'delivery', messageId: 'm_s1' },
		{ event: 'postback', messageId: 'm_b3' },
		{ messageId: 'm_b4', accountId: '107714394480000' },
	],
};

const instagram: Record<string, Expected> = {
	text: [{ channel: 'instagram', event: 'message', type: 'text', text: 'hi from insta ✨', accountId: IG, contact: { id: IGSID, name: '', key: IGSID } }],
	image: [{ type: 'image', media: expect.objectContaining({ url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' }) }],
	story_mention: [{ type: 'image', platformType: 'story_mention' }],
	story_reply: [{ type: 'text', text: 'love this', story: { url: 'https://lookaside.fbsbx.com/story', id: '1793' } }],
	share: [{ type: 'url', platformType: 'share' }],
	ig_reel: [{ type: 'video', platformType: 'ig_reel', media: expect.objectContaining({ id: '1800', caption: 'reel' }) }],
	quick_reply: [{ type: 'reply', reply: { id: 'YES', title: 'Yes' } }],
	echo: [{ event: 'echo', contact: { id: IGSID, name: '', key: IGSID } }],
	deleted: [{ event: 'message', type: 'deleted', messageId: 'ig_del' }],
	unsupported: [{ type: 'unsupported' }],
	reaction: [{ event: 'reaction', reaction: { messageId: 'ig_sent1', emoji: '❤', action: 'react' } }],
	unreact: [{ event: 'reaction', reaction: { messageId: 'ig_sent1', emoji: '', action: 'unreact' } }],
	postback: [{ event: 'postback', reply: { id: 'TALK', title: 'Talk to us' } }],
	seen: [{ event: 'read', status: 'read', messageId: 'ig_sent2' }],
	referral: [{ event: 'referral', text: 'ig-ad' }],
	standby: [{ event: 'message', standby: true }],
	batch: [{ messageId: 'ig_b1' }, { event: 'reaction' }, { messageId: 'ig_b2' }],
};

const TOKEN = '5491174131373436412';
const viber: Record<string, Expected> = {
	message_text: [{ event: 'message', type: 'text', text: 'Привет! a "quoted" word', messageId: TOKEN, trackingData: 'flow:order:42', contact: { id: '01234567890A=', name: 'Ada Lovelace', key: '01234567890A=' }, timestamp: '2024-11-21T18:00:00.123Z', accountId: '' }],
	message_picture: [{ type: 'image', platformType: 'picture', messageId: '5491174131373436413', media: { id: '', url: 'https://dl-media.viber.com/1/share/2/long/vibes/icon/image/0x0/95e0/5688fdffdaa81c.jpg', mimeType: '', filename: 'photo.jpg', size: 48211, caption: 'a photo', thumbnail: 'https://dl-media.viber.com/thumb.jpg' } }],
	message_video: [{ type: 'video', media: expect.objectContaining({ duration: 12, size: 10000 }) }],
	message_file: [{ type: 'document', media: expect.objectContaining({ filename: 'invoice.pdf' }) }],
	message_sticker: [{ type: 'sticker', media: { id: '46105', url: 'https://viber.com/sticker.png', mimeType: '' } }],
	message_contact: [{ type: 'contacts', contacts: [{ name: 'Grace Hopper', phone_number: '+15551234567' }] }],
	message_url: [{ type: 'url', media: expect.objectContaining({ url: 'https://www.example.com/page' }) }],
	message_location: [{ type: 'location', location: { latitude: 50.76891, longitude: 6.11499, address: 'Aachen' } }],
	message_unknown_type: [{ event: 'message', type: 'unknown', platformType: 'hologram' }],
	subscribed: [{ event: 'subscribed', contact: { id: '01234567890A=', name: 'Ada Lovelace', key: '01234567890A=' }, messageId: '5491174131373436512' }],
	unsubscribed: [{ event: 'unsubscribed', contact: { id: '01234567890A=', name: '', key: '01234567890A=' } }],
	conversation_started: [{ event: 'conversation_started', text: 'ad-campaign-7', subscribed: false, contact: { id: '01234567890A=', name: 'Ada Lovelace', key: '01234567890A=' } }],
	delivered: [{ event: 'delivered', status: 'delivered', messageId: '5491174131373436515' }],
	seen: [{ event: 'seen', status: 'read', messageId: '5491174131373436515' }],
	failed: [{ event: 'failed', status: 'failed', errors: [{ message: 'failure description' }] }],
	unknown_event: [{ event: 'unknown', type: 'unknown', platformType: 'client_status' }],
};

describe.each([
	['messenger', messenger],
	['instagram', instagram],
	['viber', viber],
] as Array<[Channel, Record<string, Expected>]>)('%s fixtures through the pipeline', (channel, table) => {
	it('has an expectation for every fixture file', () => {
		const names = fixtureNames(channel).filter((name) => name !== 'webhook');
		expect(names).toEqual(Object.keys(table).sort());
	});

	it.each(Object.entries(table))('%s', (name, expected) => {
		const got = events(channel, name);
		expect(got).toHaveLength(expected.length);
		got.forEach((event, index) => expect(event).toMatchObject({ channel, ...expected[index] }));
	});
});

describe('Viber specifics', () => {
	it('keeps 64-bit message tokens exact, also in raw', () => {
		const [event] = events('viber', 'message_text');
		expect(event.messageId).toBe(TOKEN);
		expect(event.raw.message_token).toBe(TOKEN);
		// The same digits through JSON.parse would have been rounded.
		expect(String(JSON.parse(fixtureBytes('viber', 'message_text').toString()).message_token)).not.toBe(TOKEN);
	});

	it('answers the set_webhook check with 200 and no events', () => {
		const result = runPipeline(signedRequest('viber', fixtureBytes('viber', 'webhook')), { channel: 'viber', secrets: secretsFor('viber') });
		expect(result).toMatchObject({ status: 200, handshake: true, events: [] });
	});

	it('does not rewrite message_token text inside a string value', () => {
		const body = JSON.stringify({ event: 'message', message_token: 1, timestamp: 1, sender: { id: 'u' }, message: { type: 'text', text: '"message_token": 12345678901234567890}' } });
		const result = runPipeline(signedRequest('viber', body), { channel: 'viber', secrets: secretsFor('viber') });
		expect(result.events[0]).toMatchObject({ messageId: '1', text: '"message_token": 12345678901234567890}' });
	});
});
