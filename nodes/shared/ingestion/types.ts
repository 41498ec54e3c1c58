import type { IDataObject } from 'n8n-workflow';

import type { Contact, PersonIds } from '../identity';

export type Channel = 'whatsapp' | 'messenger' | 'instagram' | 'viber';

/**
 * What happened. Channel-specific kinds are kept (a Messenger "read" is not a WhatsApp status),
 * with the cross-channel `status` field set wherever an event reports a message's fate.
 * - WhatsApp: message, status, error, flow (Flows field events), templateStatus
 *   (message_template_* / template_category_update), edit and revoke (the contact changed or
 *   deleted a message), echo (sent from the WhatsApp Business app on the same number),
 *   preference (marketing stop / resume), identityChange (new phone number or BSUID), call
 *   (Calling API), accountEvent (other fields)
 * - Messenger / Instagram: message, echo, postback, reaction, read, delivery, referral,
 *   accountEvent (entry changes[], e.g. feed)
 * - Viber: message, subscribed, unsubscribed, conversation_started, delivered, seen, failed
 * - any channel: unknown (an item the pipeline does not recognise, emitted with `raw`)
 */
export type EventKind =
	| 'message'
	| 'status'
	| 'error'
	| 'flow'
	| 'templateStatus'
	| 'accountEvent'
	| 'echo'
	| 'postback'
	| 'reaction'
	| 'read'
	| 'delivery'
	| 'referral'
	| 'subscribed'
	| 'unsubscribed'
	| 'conversation_started'
	| 'delivered'
	| 'seen'
	| 'failed'
	| 'edit'
	| 'revoke'
	| 'preference'
	| 'identityChange'
	| 'call'
	| 'unknown';

/**
 * Message types, the same words on every channel. Platform words are mapped (Viber `picture`
 * → image, Messenger `file` → document, WhatsApp `button`/`interactive.*_reply`, Messenger
 * quick replies and postbacks → reply); the platform's own word is in `platformType`.
 */
export type MessageType =
	| 'text'
	| 'image'
	| 'video'
	| 'audio'
	| 'document'
	| 'sticker'
	| 'location'
	| 'contacts'
	| 'reply'
	| 'flowResponse'
	| 'reaction'
	| 'order'
	| 'system'
	| 'url'
	| 'unsupported'
	| 'requestWelcome'
	| 'deleted'
	| 'unknown';

/** What made a contact's ids change: a new phone number (new BSUID too), or a new BSUID alone. */
export type IdentityChangeReason = 'phoneNumber' | 'userId';

/** Delivery states, the same on every channel (Viber `seen` → read). */
export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed' | 'deleted' | 'unknown';

export interface Media {
	/** WhatsApp media id (needs an authenticated download); empty where the platform gives a URL. */
	id: string;
	/** Direct URL (Messenger, Instagram, Viber; newer WhatsApp payloads too). */
	url: string;
	mimeType: string;
	sha256?: string;
	caption?: string;
	filename?: string;
	size?: number;
	voice?: boolean;
	animated?: boolean;
	/** Viber: preview image URL and video length in seconds. */
	thumbnail?: string;
	duration?: number;
	/** Messenger/Instagram attachment type as sent (image, file, story_mention, ig_reel, ...). */
	kind?: string;
}

/** One inbound item, normalised. Every field exists on every channel ('' / undefined when n/a). */
export interface ChatEvent extends IDataObject {
	channel: Channel;
	event: EventKind;
	/** Business side: WhatsApp phone number id, Facebook page id, Instagram account id; '' on Viber. */
	accountId: string;
	/** WhatsApp business account id (entry id); '' elsewhere. */
	businessAccountId: string;
	/** The person: `id` is where a reply goes, `key` names them stably (see `Contact`). */
	contact: Contact;
	/** Message id (wamid, mid, Viber message_token as a string); '' when the event has none. */
	messageId: string;
	/** ISO 8601; '' when the platform gave no time. */
	timestamp: string;
	/** Message type for messages; for other events the event kind. */
	type: MessageType | EventKind;
	/** The platform's own type word (e.g. `interactive.button_reply`, `picture`). */
	platformType: string;
	text: string;
	/** Chosen button, list row, quick reply or postback. */
	reply?: { id: string; title: string; description?: string };
	media?: Media;
	/** All attachments when a Messenger/Instagram message carries several. */
	attachments?: Media[];
	location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
	/** From a WhatsApp Flow's `nfm_reply`: `responseJson` parsed (null when not JSON). */
	flowResponse?: { responseJson: IDataObject | null; flowToken: string; name: string; body: string };
	reaction?: { messageId: string; emoji: string; action?: string };
	/** The message this one answers or quotes. */
	context?: { messageId: string; from: string; forwarded?: boolean };
	/** Delivery state for status/read/delivery/delivered/seen/failed events. */
	status?: DeliveryStatus;
	/** Platform errors carried by the event (failed statuses, value.errors, Viber desc). */
	errors?: IDataObject[];
	/**
	 * WhatsApp statuses: what Meta bills the message as (`category` marketing, utility, ...;
	 * `marketing_lite` when it went through the Marketing Messages API).
	 */
	pricing?: { category: string; billable?: boolean; type?: string };
	/** edit, revoke: the id of the message the contact edited or deleted. */
	originalMessageId?: string;
	/** edit: the normalised type of the new content (the content itself is in text, media, ...). */
	contentType?: MessageType;
	/** preference: a contact's choice about a category of messages (WhatsApp `user_preferences`). */
	preference?: { category: string; value: string; detail?: string };
	/** identityChange: who the contact was and who they are now; empty strings where unknown. */
	identityChange?: { reason: IdentityChangeReason; previous: PersonIds; current: PersonIds };
	/** call: one Calling API event (connect, terminate, ...) with the contact on the other end. */
	call?: IDataObject & { id: string; event: string; direction?: string; status?: string };
	/** The platform's object for this item, untouched. */
	raw: IDataObject;
}

/** An HTTP request as the trigger received it. */
export interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	/** The untouched body bytes (signatures are over these). */
	rawBody: Buffer | undefined;
}

/** Which events a trigger wants; empty lists mean "all". */
export interface EventFilter {
	events?: readonly string[];
	/** Delivery states to keep for status-like events (WhatsApp statuses, reads, deliveries). */
	statuses?: readonly string[];
	/** Message type groups (see `messageTypeGroup`). */
	messageTypes?: readonly string[];
	/** Keep only events for these accounts (phone number id or WABA id, page id, IG id). */
	accountIds?: readonly string[];
}

export interface PipelineOptions {
	channel: Channel;
	/** Secrets the signature may be made with (Meta: app secret + previous; Viber: auth token). */
	secrets: readonly string[];
	/** Bodies larger than this are refused with 413. */
	maxBodyBytes?: number;
	filter?: EventFilter;
}

/** What the pipeline decided about one request, before de-duplication. */
export interface PipelineResult {
	/** HTTP status to answer with. */
	status: number;
	/** Short answer body; no secrets. */
	body: string;
	/** Why a request was refused or ignored, for the log (never contains secrets). */
	reason?: string;
	/** Events after filtering, in delivery order. */
	events: ChatEvent[];
	/** How many events the request carried before filtering. */
	received: number;
	/** Viber's first call after set_webhook: answer 200, start nothing. */
	handshake?: boolean;
}
