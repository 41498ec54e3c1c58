import type { IDataObject } from 'n8n-workflow';

/** The two Send APIs that share message shapes (Messenger Platform and Instagram Messaging). */
export type MetaChannel = 'messenger' | 'instagram';

export type AttachmentType = 'image' | 'audio' | 'video' | 'file';

/** Where an attachment comes from: a public URL, or an id from the attachment upload API. */
export type AttachmentSource = { url: string; isReusable?: boolean } | { attachmentId: string };

export type MetaButton =
	| { type: 'web_url'; title: string; url: string }
	| { type: 'postback'; title: string; payload: string }
	| { type: 'phone_number'; title: string; payload: string };

export interface GenericElement {
	title: string;
	subtitle?: string;
	imageUrl?: string;
	defaultActionUrl?: string;
	buttons?: MetaButton[];
}

export type QuickReply =
	| { contentType: 'text'; title: string; payload: string; imageUrl?: string }
	| { contentType: 'user_phone_number' }
	| { contentType: 'user_email' };

/** The `message` part of a send, before validation. */
export type MetaContent =
	| { kind: 'text'; text: string }
	| { kind: 'attachment'; type: AttachmentType; source: AttachmentSource }
	| { kind: 'buttonTemplate'; text: string; buttons: MetaButton[] }
	| { kind: 'genericTemplate'; elements: GenericElement[]; imageAspectRatio?: 'horizontal' | 'square' }
	| { kind: 'mediaTemplate'; mediaType: 'image' | 'video'; source: AttachmentSource; buttons?: MetaButton[] }
	| { kind: 'likeHeart' }
	| { kind: 'mediaShare'; postId: string };

export type MessagingType = 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG';

/** How the message is sent: the 24-hour window rules and an optional quoted message. */
export interface Delivery {
	messagingType?: MessagingType;
	tag?: string;
	/** Message id (mid) this message replies to. */
	replyTo?: string;
}

export type SenderAction = 'mark_seen' | 'typing_on' | 'typing_off';

/** A request body ready for `POST /{id}/messages`. */
export type SendBody = IDataObject;
