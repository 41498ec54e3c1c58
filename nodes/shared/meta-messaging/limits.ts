import type { AttachmentType, MetaButton, MetaChannel, QuickReply } from './types';

/**
 * What each Send API accepts (Meta's Messenger Platform and Instagram Messaging references,
 * Meta's Send API reference). The shapes are shared; the rules that differ live here, per channel.
 */
export interface ChannelRules {
	name: string;
	/** Text limit and how Meta counts it: Messenger in characters, Instagram in UTF-8 bytes. */
	text: { max: number; unit: 'characters' | 'bytes' };
	attachmentTypes: readonly AttachmentType[];
	buttonTypes: ReadonlyArray<MetaButton['type']>;
	quickReplyTypes: ReadonlyArray<QuickReply['contentType']>;
	templates: ReadonlyArray<'buttonTemplate' | 'genericTemplate' | 'mediaTemplate'>;
	tags: readonly string[];
}

export const CHANNEL_RULES: Record<MetaChannel, ChannelRules> = {
	messenger: {
		name: 'Messenger',
		text: { max: 2000, unit: 'characters' },
		attachmentTypes: ['image', 'audio', 'video', 'file'],
		buttonTypes: ['web_url', 'postback', 'phone_number'],
		quickReplyTypes: ['text', 'user_phone_number', 'user_email'],
		templates: ['buttonTemplate', 'genericTemplate', 'mediaTemplate'],
		tags: ['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'CUSTOMER_FEEDBACK', 'HUMAN_AGENT', 'POST_PURCHASE_UPDATE'],
	},
	instagram: {
		name: 'Instagram',
		text: { max: 1000, unit: 'bytes' },
		attachmentTypes: ['image', 'audio', 'video'],
		buttonTypes: ['web_url', 'postback'],
		quickReplyTypes: ['text'],
		templates: ['buttonTemplate', 'genericTemplate'],
		tags: ['HUMAN_AGENT'],
	},
};

export const META_LIMITS = {
	quickReplies: 13,
	quickReplyTitle: 20,
	payload: 1000,
	buttonTitle: 20,
	buttonTemplateText: 640,
	buttonTemplateButtons: 3,
	genericElements: 10,
	genericTitle: 80,
	genericSubtitle: 80,
	elementButtons: 3,
	mediaTemplateButtons: 1,
	urlLength: 2000,
	/** Attachment upload API (Messenger): 25 MB. */
	uploadBytes: 25 * 1024 * 1024,
} as const;
