import type { IDataObject } from 'n8n-workflow';

import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { FakePlatform, graphError, type RecordedRequest } from '../../../simulator/platform';
import { runWorkflow, type WorkflowJson } from '../../support/harness';

/**
 * Every channel's action node in both versions, through n8n-core's engine: version 2 reads the
 * shared "Run Options" and "Message Options" and gives a failed item one shape on every channel
 * ({ error, errorDetails: { field } or the platform's code }); version 1 keeps its parameters
 * ("Options", "Throughput") and its own failed-item shapes.
 */
const META_TOKEN = 'EAAG-versions-token';
const VIBER_TOKEN = 'viber-versions-token';
const PAGE = '105954558954427';
const IG = '17841405822304914';
const PHONE = '106540352242922';

let platform: FakePlatform;
beforeAll(async () => {
	platform = await FakePlatform.start({ acceptedTokens: [META_TOKEN], acceptedViberTokens: [VIBER_TOKEN] });
});
afterAll(async () => await platform.close());
beforeEach(() => {
	platform.reset();
	resetRateLimiters();
});

const credentials = () => ({
	chatflowWhatsAppApi: { accessToken: META_TOKEN, businessAccountId: 'WABA', phoneNumberId: PHONE, apiVersion: 'v26.0', baseUrl: platform.url },
	chatflowMessengerApi: { pageId: PAGE, accessToken: META_TOKEN, apiVersion: 'v26.0', baseUrl: platform.url },
	chatflowInstagramApi: { route: 'instagramLogin', accountId: IG, accessToken: META_TOKEN, apiVersion: 'v26.0', baseUrl: platform.url },
	chatflowViberApi: { authToken: VIBER_TOKEN, senderName: 'Bot', senderAvatar: '', baseUrl: platform.url },
});

function oneNode(type: string, typeVersion: number, parameters: IDataObject): WorkflowJson {
	return {
		nodes: [
			{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 's', name: 'Send', type: `n8n-nodes-chatflow.${type}`, typeVersion, position: [200, 0], parameters, onError: 'continueRegularOutput' },
		],
		connections: { Start: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
	} as WorkflowJson;
}

async function send(type: string, typeVersion: number, parameters: IDataObject, input: IDataObject[]): Promise<IDataObject[]> {
	const result = await runWorkflow({ workflow: oneNode(type, typeVersion, parameters), credentials: credentials(), input });
	expect(result.status).toBe('success');
	return result.output('Send');
}

/** A channel, the node parameters of a text send (recipient and text from the item), and its refusal. */
interface Channel {
	type: string;
	text(options: IDataObject): IDataObject;
	/** Recipients of a run: the second one is refused by the platform. */
	ids: [string, string, string];
	/** Answers every send; `refused` gets the platform's refusal of that recipient. */
	serve(refused: string): void;
	sends(): RecordedRequest[];
	/** A text the node refuses before any request, and the field it names. */
	badText: { text: string; field: string };
	refusal: { v2: IDataObject; v1: IDataObject };
}

const LONG = 'x'.repeat(5000);

const channels: Record<string, Channel> = {
	WhatsApp: {
		type: 'chatflowWhatsApp',
		ids: ['15550000001', '15550000002', '15550000003'],
		text: (options) => ({ resource: 'message', operation: 'sendText', to: '={{ $json.to }}', text: '={{ $json.text }}', ...options }),
		serve(refused) {
			platform.on('POST', `/:v/${PHONE}/messages`, (request) => {
				const to = (request.json as { to: string }).to;
				return to === refused ? graphError(131026, 'Message undeliverable') : { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.${to}` }] } };
			});
		},
		sends: () => platform.received('POST', `/:v/${PHONE}/messages`),
		badText: { text: LONG, field: 'text.body' },
		refusal: { v2: { code: 131026, http_status: 400 }, v1: { errorDetails: { code: 131026, http_status: 400 } } },
	},
	Messenger: {
		type: 'chatflowMessenger',
		ids: ['ok1', 'refused', 'ok2'],
		text: (options) => ({ resource: 'message', operation: 'send', recipientId: '={{ $json.to }}', messageType: 'text', text: '={{ $json.text }}', ...options }),
		serve(refused) {
			platform.on('POST', `/v26.0/${PAGE}/messages`, (request) => {
				const id = (request.json as { recipient: { id: string } }).recipient.id;
				return id === refused ? graphError(551, "This person isn't available right now.") : { json: { recipient_id: id, message_id: `m_${id}` } };
			});
		},
		sends: () => platform.received('POST', `/v26.0/${PAGE}/messages`),
		badText: { text: LONG, field: 'message.text' },
		refusal: { v2: { code: 551, http_status: 400 }, v1: { errorDetails: { code: 551, http_status: 400 } } },
	},
	Instagram: {
		type: 'chatflowInstagram',
		ids: ['ok1', 'refused', 'ok2'],
		text: (options) => ({ resource: 'message', operation: 'send', recipientId: '={{ $json.to }}', messageType: 'text', text: '={{ $json.text }}', ...options }),
		serve(refused) {
			platform.on('POST', `/v26.0/${IG}/messages`, (request) => {
				const id = (request.json as { recipient: { id: string } }).recipient.id;
				return id === refused ? graphError(551, "This person isn't available right now.") : { json: { recipient_id: id, message_id: `m_${id}` } };
			});
		},
		sends: () => platform.received('POST', `/v26.0/${IG}/messages`),
		badText: { text: LONG, field: 'message.text' },
		refusal: { v2: { code: 551, http_status: 400 }, v1: { errorDetails: { code: 551, http_status: 400 } } },
	},
	Viber: {
		type: 'chatflowViber',
		ids: ['ok1', 'refused', 'ok2'],
		text: (options) => ({ resource: 'message', operation: 'send', receiver: '={{ $json.to }}', messageType: 'text', text: '={{ $json.text }}', ...options }),
		serve(refused) {
			platform.on('POST', '/send_message', (request) => {
				const receiver = (request.json as { receiver: string }).receiver;
				return { json: receiver === refused ? { status: 6, status_message: 'notSubscribed' } : { status: 0, status_message: 'ok', message_token: 5741311803571721087 } };
			});
		},
		sends: () => platform.received('POST', '/send_message'),
		badText: { text: LONG.repeat(2), field: 'text' },
		refusal: { v2: { code: 6, details: 'receiverNotSubscribed' }, v1: { viberStatus: 6, viberStatusName: 'receiverNotSubscribed' } },
	},
};

const input = (channel: Channel) => [
	{ to: channel.ids[0], text: 'Hi' },
	{ to: channel.ids[1], text: 'Hi' },
	{ to: channel.ids[2], text: channel.badText.text },
];

describe.each(Object.entries(channels))('%s action node', (_name, channel) => {
	it('version 2: a refused item and a refused field fail alone, both as { error, errorDetails }', async () => {
		channel.serve(channel.ids[1]);
		const [ok, refused, badField] = await send(channel.type, 2, channel.text({ runOptions: { maxRetries: 0 } }), input(channel));
		expect(ok.error).toBeUndefined();
		expect(Object.keys(refused).sort()).toEqual(['error', 'errorDetails']);
		expect(refused.errorDetails).toMatchObject(channel.refusal.v2);
		expect(badField).toEqual({ error: expect.stringContaining(channel.badText.field), errorDetails: { field: channel.badText.field } });
		// The refused field never reached the platform; the other two did.
		expect(channel.sends()).toHaveLength(2);
	});

	it('version 1: failed items keep the shapes saved workflows branch on', async () => {
		channel.serve(channel.ids[1]);
		const [, refused, badField] = await send(channel.type, 1, channel.text({}), input(channel));
		expect(refused).toMatchObject(channel.refusal.v1);
		if (channel.type === 'chatflowWhatsApp') expect(badField).toEqual({ error: expect.stringContaining(channel.badText.field) });
		else expect(badField).toEqual({ error: expect.stringContaining(channel.badText.field), field: channel.badText.field });
	});
});

describe('Run Options (version 2)', () => {
	const busy = {
		WhatsApp: () => platform.on('POST', `/:v/${PHONE}/messages`, () => graphError(131056, 'Pair rate limit hit')),
		Messenger: () => platform.on('POST', `/v26.0/${PAGE}/messages`, () => graphError(1200, 'Temporary send message failure')),
		Instagram: () => platform.on('POST', `/v26.0/${IG}/messages`, () => graphError(1200, 'Temporary send message failure')),
		Viber: () => platform.on('POST', '/send_message', () => ({ json: { status: 12, status_message: 'tooManyRequests' } })),
	};

	it.each(Object.keys(busy) as Array<keyof typeof busy>)('%s: Max Retries bounds the retries of a temporary refusal', async (name) => {
		const channel = channels[name];
		busy[name]();
		const [item] = await send(channel.type, 2, channel.text({ runOptions: { maxRetries: 2, retryDelayMs: 1 } }), [{ to: channel.ids[0], text: 'Hi' }]);
		expect(item.error).toBeDefined();
		expect(channel.sends()).toHaveLength(3);
	});

	it('Items in Parallel: no more requests at once than asked for', async () => {
		let inFlight = 0;
		let most = 0;
		platform.on('POST', `/v26.0/${PAGE}/messages`, async (request) => {
			inFlight++;
			most = Math.max(most, inFlight);
			// Long enough that the three lanes overlap even when the machine stalls between them.
			await new Promise((resolve) => setTimeout(resolve, 200));
			inFlight--;
			return { json: { recipient_id: (request.json as { recipient: { id: string } }).recipient.id, message_id: 'm' } };
		});
		const items = Array.from({ length: 12 }, (_, i) => ({ to: `p${i}`, text: 'Hi' }));
		const output = await send('chatflowMessenger', 2, channels.Messenger.text({ runOptions: { concurrency: 3 } }), items);
		expect(output.every((item) => item.error === undefined)).toBe(true);
		expect(most).toBe(3);
	});
});

describe('Message Options (version 2)', () => {
	it('Messenger: the quoted message goes out as reply_to', async () => {
		channels.Messenger.serve('nobody');
		await send('chatflowMessenger', 2, channels.Messenger.text({ messageOptions: { replyTo: 'm_earlier' } }), [{ to: 'p1', text: 'Hi' }]);
		expect(channels.Messenger.sends()[0].json).toMatchObject({ reply_to: { mid: 'm_earlier' }, message: { text: 'Hi' } });
	});

	it('Viber: sender name, tracking data and minimum API version', async () => {
		channels.Viber.serve('nobody');
		const messageOptions = { senderName: 'Desk', trackingData: 'step-2', minApiVersion: 7 };
		await send('chatflowViber', 2, channels.Viber.text({ messageOptions }), [{ to: 'u1', text: 'Hi' }]);
		expect(channels.Viber.sends()[0].json).toMatchObject({ sender: { name: 'Desk' }, tracking_data: 'step-2', min_api_version: 7 });
	});
});
