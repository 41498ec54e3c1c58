import type { IDataObject } from 'n8n-workflow';

import { count, maxBytes, maxChars, MessageFieldError, oneOf, optionalText, requireText, text, unique, url } from '../fields';
import { buildButtons } from './buttons';
import { CHANNEL_RULES, META_LIMITS, type ChannelRules } from './limits';
import type { AttachmentSource, GenericElement, MetaChannel, MetaContent, QuickReply } from './types';

/**
 * Builds the `message` object of a Send API request for Messenger or Instagram, checking every
 * limit of that channel first (errors name the field, e.g. `message.quick_replies[13]`).
 */
export function buildMessage(channel: MetaChannel, content: MetaContent, quickReplies: QuickReply[] = []): IDataObject {
	const rules = CHANNEL_RULES[channel];
	const message = buildContent(rules, content);
	if (quickReplies.length > 0) {
		if (content.kind === 'likeHeart' || content.kind === 'mediaShare') {
			throw new MessageFieldError('message.quick_replies', `cannot be attached to a ${content.kind === 'likeHeart' ? 'sticker' : 'shared post'}`);
		}
		message.quick_replies = buildQuickReplies(rules, quickReplies);
	}
	return message;
}

function buildContent(rules: ChannelRules, content: MetaContent): IDataObject {
	switch (content.kind) {
		case 'text':
			return { text: messageText('message.text', content.text, rules) };
		case 'attachment': {
			const type = oneOf('message.attachment.type', content.type, rules.attachmentTypes);
			return { attachment: { type, payload: attachmentPayload('message.attachment.payload', content.source, rules) } };
		}
		case 'buttonTemplate':
			requireTemplate(rules, 'buttonTemplate', 'button template');
			return template({
				template_type: 'button',
				text: text('message.attachment.payload.text', content.text, META_LIMITS.buttonTemplateText),
				buttons: buildButtons('message.attachment.payload.buttons', content.buttons, META_LIMITS.buttonTemplateButtons, rules),
			});
		case 'genericTemplate': {
			requireTemplate(rules, 'genericTemplate', 'generic template');
			const elements = count('message.attachment.payload.elements', content.elements, 1, META_LIMITS.genericElements);
			return template({
				template_type: 'generic',
				...(content.imageAspectRatio ? { image_aspect_ratio: content.imageAspectRatio } : {}),
				elements: elements.map((element, index) => genericElement(`message.attachment.payload.elements[${index}]`, element, rules)),
			});
		}
		case 'mediaTemplate': {
			requireTemplate(rules, 'mediaTemplate', 'media template');
			const field = 'message.attachment.payload.elements[0]';
			const element: IDataObject = { media_type: oneOf(`${field}.media_type`, content.mediaType, ['image', 'video'] as const) };
			if ('attachmentId' in content.source) element.attachment_id = requireText(`${field}.attachment_id`, content.source.attachmentId).trim();
			else element.url = url(`${field}.url`, content.source.url, META_LIMITS.urlLength);
			if (content.buttons?.length) element.buttons = buildButtons(`${field}.buttons`, content.buttons, META_LIMITS.mediaTemplateButtons, rules);
			return template({ template_type: 'media', elements: [element] });
		}
		case 'likeHeart':
			requireInstagram(rules, 'the like-heart sticker');
			return { attachment: { type: 'like_heart' } };
		case 'mediaShare':
			requireInstagram(rules, 'sharing a post');
			return { attachment: { type: 'MEDIA_SHARE', payload: { id: requireText('message.attachment.payload.id', content.postId).trim() } } };
	}
}

/** Messenger counts characters; Instagram counts UTF-8 bytes (1000). */
export function messageText(field: string, value: string, rules: ChannelRules): string {
	requireText(field, value);
	return rules.text.unit === 'bytes' ? maxBytes(field, value, rules.text.max) : maxChars(field, value, rules.text.max);
}

function attachmentPayload(field: string, source: AttachmentSource, rules: ChannelRules): IDataObject {
	if ('attachmentId' in source) {
		if (rules.name === 'Instagram') throw new MessageFieldError(`${field}.attachment_id`, 'Instagram sends media by URL only');
		return { attachment_id: requireText(`${field}.attachment_id`, source.attachmentId).trim() };
	}
	return {
		url: url(`${field}.url`, source.url, META_LIMITS.urlLength),
		...(source.isReusable && rules.name === 'Messenger' ? { is_reusable: true } : {}),
	};
}

function genericElement(field: string, element: GenericElement, rules: ChannelRules): IDataObject {
	const built: IDataObject = { title: text(`${field}.title`, element.title, META_LIMITS.genericTitle) };
	const subtitle = optionalText(`${field}.subtitle`, element.subtitle, META_LIMITS.genericSubtitle);
	if (subtitle) built.subtitle = subtitle;
	if (element.imageUrl) built.image_url = url(`${field}.image_url`, element.imageUrl, META_LIMITS.urlLength);
	if (element.defaultActionUrl) {
		built.default_action = { type: 'web_url', url: url(`${field}.default_action.url`, element.defaultActionUrl, META_LIMITS.urlLength) };
	}
	if (element.buttons?.length) built.buttons = buildButtons(`${field}.buttons`, element.buttons, META_LIMITS.elementButtons, rules);
	return built;
}

function buildQuickReplies(rules: ChannelRules, replies: QuickReply[]): IDataObject[] {
	const field = 'message.quick_replies';
	count(field, replies, 1, META_LIMITS.quickReplies);
	const built = replies.map((reply, index): IDataObject => {
		const at = `${field}[${index}]`;
		const contentType = oneOf(`${at}.content_type`, reply.contentType, rules.quickReplyTypes);
		if (reply.contentType !== 'text') return { content_type: contentType };
		return {
			content_type: 'text',
			title: text(`${at}.title`, reply.title, META_LIMITS.quickReplyTitle),
			payload: text(`${at}.payload`, reply.payload, META_LIMITS.payload),
			...(reply.imageUrl ? { image_url: url(`${at}.image_url`, reply.imageUrl, META_LIMITS.urlLength) } : {}),
		};
	});
	unique(field, built, (reply) => (reply.content_type === 'text' ? String(reply.title) : undefined), 'title');
	return built;
}

function template(payload: IDataObject): IDataObject {
	return { attachment: { type: 'template', payload } };
}

function requireTemplate(rules: ChannelRules, kind: ChannelRules['templates'][number], name: string): void {
	if (!rules.templates.includes(kind)) throw new MessageFieldError('message.attachment.payload.template_type', `${rules.name} does not support the ${name}`);
}

function requireInstagram(rules: ChannelRules, what: string): void {
	if (rules.name !== 'Instagram') throw new MessageFieldError('message.attachment.type', `${what} exists on Instagram only`);
}
