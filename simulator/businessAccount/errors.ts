import { graphError } from '../platform/defaults';
import type { ScriptedResponse } from '../platform/types';
import type { ChannelName } from '../config';

/**
 * Platform errors injected on demand (from the page or `POST /_sim/api/errors`), used up by the
 * next sends of a channel. Each one behaves as the platform does: 130429 is refused at once
 * (HTTP 400, retried by the transport); 131047 is accepted and then fails in a `failed` status
 * webhook (Meta reports the 24-hour window that way); Viber's 12 comes as HTTP 200 with
 * `status: 12`, like every Viber error.
 */

export interface KnownError {
	code: number;
	channels: ChannelName[];
	title: string;
	/** response = the send call fails; status = the send is accepted, a failed status follows. */
	mode: 'response' | 'status';
	details: string;
}

export const KNOWN_ERRORS: KnownError[] = [
	{ code: 130429, channels: ['whatsapp'], title: 'Rate limit hit', mode: 'response', details: 'Cloud API message throughput has been reached.' },
	{ code: 131047, channels: ['whatsapp'], title: 'Re-engagement message', mode: 'status', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
	{ code: 131026, channels: ['whatsapp'], title: 'Message undeliverable', mode: 'status', details: 'Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.' },
	{ code: 131050, channels: ['whatsapp'], title: 'Unable to deliver the message', mode: 'status', details: 'This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.' },
	{ code: 131056, channels: ['whatsapp'], title: '(Business Account, Consumer Account) pair rate limit hit', mode: 'response', details: 'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.' },
	{ code: 10, channels: ['messenger', 'instagram'], title: 'This message is sent outside of allowed window.', mode: 'response', details: 'The 24-hour messaging window has closed.' },
	{ code: 613, channels: ['messenger', 'instagram'], title: 'Calls to this api have exceeded the rate limit.', mode: 'response', details: 'Send API rate limit.' },
	{ code: 12, channels: ['viber'], title: 'tooManyRequests', mode: 'response', details: 'Too many requests to this user.' },
	{ code: 6, channels: ['viber'], title: 'receiverNotSubscribed', mode: 'response', details: 'The receiver is not subscribed to the bot.' },
];

export interface PendingError {
	channel: ChannelName;
	code: number;
	remaining: number;
}

export class ErrorInjector {
	readonly pending: PendingError[] = [];

	inject(channel: ChannelName, code: number, times = 1): PendingError {
		const known = KNOWN_ERRORS.find((error) => error.code === code && error.channels.includes(channel));
		if (!known) {
			const allowed = KNOWN_ERRORS.filter((error) => error.channels.includes(channel)).map((error) => error.code);
			throw new Error(`error ${code} cannot be injected on ${channel}; choose one of ${allowed.join(', ')}`);
		}
		const entry = { channel, code, remaining: Math.max(1, Math.floor(times)) };
		this.pending.push(entry);
		return entry;
	}

	clear(): void {
		this.pending.length = 0;
	}

	/** The error the next send of `channel` gets, if one is pending (used up). */
	take(channel: ChannelName): KnownError | undefined {
		const entry = this.pending.find((candidate) => candidate.channel === channel);
		if (!entry) return undefined;
		entry.remaining -= 1;
		if (entry.remaining <= 0) this.pending.splice(this.pending.indexOf(entry), 1);
		return KNOWN_ERRORS.find((error) => error.code === entry.code && error.channels.includes(channel));
	}
}

/** The synchronous answer of a `response`-mode error. */
export function errorResponse(error: KnownError): ScriptedResponse {
	if (error.channels.includes('viber')) return { json: { status: error.code, status_message: error.title, chat_hostname: 'SN-CHAT-01_' } };
	if (error.channels.includes('whatsapp')) {
		return graphError(error.code, `(#${error.code}) ${error.title}`, 400, { error_data: { messaging_product: 'whatsapp', details: error.details } });
	}
	return graphError(error.code, `(#${error.code}) ${error.title}`, 400, error.code === 10 ? { error_subcode: 2018278 } : {});
}
