import type { ChannelName, SimulatorConfig } from '../config';

/**
 * Webhook bodies exactly as the platforms send them (Meta's and Viber's webhook references):
 * Messenger/Instagram's entry → messaging, Viber's one event per callback with `message_token` as
 * a bare 64-bit integer. WhatsApp's are in ./whatsApp.ts.
 */

/** What the person on the chat page did. */
export type UserInput =
	| { kind: 'text'; text: string }
	| { kind: 'reply'; source: 'button' | 'list' | 'quick_reply' | 'postback' | 'template_button'; id: string; title: string; description?: string; replyTo?: string }
	| { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
	| { kind: 'image'; mediaId: string; url: string; mimeType: string; sha256: string; size: number; fileName: string; caption?: string }
	| { kind: 'contact'; name: string; phone: string }
	/** `masked`: keys of the response whose values the chat summary hides (the screens' `sensitive` fields). */
	| { kind: 'flow'; responseJson: string; replyTo?: string; masked?: string[] };

export type StatusName = 'sent' | 'delivered' | 'read' | 'failed';

export interface Sender {
	id: string;
	name: string;
}

/** Messenger (`object: page`) and Instagram (`object: instagram`) share the messaging shape. */
export function messagingInbound(
	config: SimulatorConfig,
	channel: 'messenger' | 'instagram',
	from: Sender,
	mid: string,
	at: number,
	input: UserInput,
): Record<string, unknown> {
	const event: Record<string, unknown> = messagingBase(config, channel, from.id, at);
	if (input.kind === 'reply' && input.source === 'postback') {
		event.postback = { mid, title: input.title, payload: input.id };
	} else {
		event.message = messagingMessage(mid, input);
	}
	return messagingEnvelope(config, channel, at, event);
}

function messagingMessage(mid: string, input: UserInput): Record<string, unknown> {
	switch (input.kind) {
		case 'text':
			return { mid, text: input.text };
		case 'reply':
			return { mid, text: input.title, quick_reply: { payload: input.id } };
		case 'location':
			return { mid, attachments: [{ type: 'location', payload: { coordinates: { lat: input.latitude, long: input.longitude } } }] };
		case 'image':
			return { mid, attachments: [{ type: 'image', payload: { url: input.url } }] };
		case 'contact':
			return { mid, text: input.phone };
		case 'flow':
			return { mid, text: input.responseJson };
	}
}

function messagingBase(config: SimulatorConfig, channel: 'messenger' | 'instagram', psid: string, at: number): Record<string, unknown> {
	const business = channel === 'messenger' ? config.business.pageId : config.business.instagramId;
	return { sender: { id: psid }, recipient: { id: business }, timestamp: at };
}

function messagingEnvelope(config: SimulatorConfig, channel: 'messenger' | 'instagram', at: number, event: Record<string, unknown>): Record<string, unknown> {
	return {
		object: channel === 'messenger' ? 'page' : 'instagram',
		entry: [{ id: channel === 'messenger' ? config.business.pageId : config.business.instagramId, time: at, messaging: [event] }],
	};
}

/** Messenger: delivery (mids + watermark) and read (watermark); Instagram: read (mid) only. */
export function messagingStatus(
	config: SimulatorConfig,
	channel: 'messenger' | 'instagram',
	psid: string,
	mid: string,
	status: 'delivered' | 'read',
	at: number,
): Record<string, unknown> | undefined {
	const event = messagingBase(config, channel, psid, at);
	if (channel === 'instagram') {
		if (status !== 'read') return undefined;
		event.read = { mid };
	} else if (status === 'delivered') {
		event.delivery = { mids: [mid], watermark: at };
	} else {
		event.read = { watermark: at };
	}
	return messagingEnvelope(config, channel, at, event);
}

const VIBER_HOST = 'SN-CHAT-01_';

/** A Viber callback; `message_token` is written as a bare integer like Viber does. */
export function viberInbound(from: Sender, token: string, at: number, input: UserInput, trackingData?: string): string {
	const message: Record<string, unknown> = viberMessage(input);
	if (trackingData) message.tracking_data = trackingData;
	return viberBody({
		event: 'message',
		timestamp: at,
		chat_hostname: VIBER_HOST,
		message_token: token,
		sender: { id: from.id, name: from.name, avatar: '', language: 'en', country: 'GB', api_version: 10 },
		message,
		silent: false,
	});
}

function viberMessage(input: UserInput): Record<string, unknown> {
	switch (input.kind) {
		case 'text':
			return { type: 'text', text: input.text };
		case 'reply':
			return { type: 'text', text: input.id };
		case 'location':
			return { type: 'location', location: { lat: input.latitude, lon: input.longitude, ...(input.address ? { address: input.address } : {}) } };
		case 'image':
			return { type: 'picture', media: input.url, thumbnail: input.url, file_name: input.fileName, size: input.size, text: input.caption ?? '' };
		case 'contact':
			return { type: 'contact', contact: { name: input.name, phone_number: input.phone } };
		case 'flow':
			return { type: 'text', text: input.responseJson };
	}
}

export function viberStatus(userId: string, token: string, status: 'delivered' | 'seen' | 'failed', at: number, desc?: string): string {
	return viberBody({ event: status, timestamp: at, chat_hostname: VIBER_HOST, message_token: token, user_id: userId, ...(desc ? { desc } : {}) });
}

/** JSON with `message_token` unquoted (a 64-bit integer does not fit a JS number). */
function viberBody(event: Record<string, unknown>): string {
	const token = String(event.message_token);
	return JSON.stringify(event).replace(`"message_token":"${token}"`, `"message_token":${token}`);
}

export function channelOfObject(object: string): ChannelName | undefined {
	if (object === 'whatsapp_business_account') return 'whatsapp';
	if (object === 'page') return 'messenger';
	if (object === 'instagram') return 'instagram';
	return undefined;
}
