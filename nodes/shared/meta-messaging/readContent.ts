import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MessageFieldError } from '../fields';
import type { Delivery, GenericElement, MetaButton, MetaChannel, MetaContent, QuickReply } from './types';

/**
 * Reads the message fields shared by the Messenger and Instagram nodes for one item. A Messenger
 * media message from a binary file comes back as `{ kind: 'attachment', source: { attachmentId: '' } }`
 * plus `binaryPropertyName`: the send operation uploads the file first and fills in the id.
 */
export interface ReadContent {
	content: MetaContent;
	quickReplies: QuickReply[];
	binaryPropertyName?: string;
}

export function readMetaContent(ctx: IExecuteFunctions, i: number, channel: MetaChannel): ReadContent {
	const param = <T>(name: string, fallback?: T) => ctx.getNodeParameter(name, i, fallback) as T;
	const kind = param<string>('messageType');
	const quickReplies = readQuickReplies(param<IDataObject>('quickReplies', {}), channel);
	switch (kind) {
		case 'text':
			return { content: { kind: 'text', text: param<string>('text') }, quickReplies };
		case 'media': {
			const type = param<'image' | 'audio' | 'video' | 'file'>('mediaType');
			const source = channel === 'messenger' ? param<string>('mediaSource', 'url') : 'url';
			if (source === 'binary') {
				return { content: { kind: 'attachment', type, source: { attachmentId: '' } }, quickReplies, binaryPropertyName: param<string>('binaryPropertyName') };
			}
			const attachmentSource =
				source === 'attachmentId'
					? { attachmentId: param<string>('attachmentId') }
					: { url: param<string>('mediaUrl'), isReusable: param<boolean>('isReusable', false) };
			return { content: { kind: 'attachment', type, source: attachmentSource }, quickReplies };
		}
		case 'mediaTemplate': {
			const source = param<string>('templateMediaSource', 'attachmentId');
			return {
				content: {
					kind: 'mediaTemplate',
					mediaType: param<'image' | 'video'>('mediaTemplateType'),
					source: source === 'url' ? { url: param<string>('templateMediaUrl') } : { attachmentId: param<string>('templateAttachmentId') },
					buttons: readButtons(param<IDataObject>('buttons', {})),
				},
				quickReplies,
			};
		}
		case 'buttonTemplate':
			return {
				content: { kind: 'buttonTemplate', text: param<string>('templateText'), buttons: readButtons(param<IDataObject>('buttons', {})) },
				quickReplies,
			};
		case 'genericTemplate':
			return { content: { kind: 'genericTemplate', elements: readElements(param<IDataObject>('elements', {})) }, quickReplies };
		case 'likeHeart':
			return { content: { kind: 'likeHeart' }, quickReplies: [] };
		case 'mediaShare':
			return { content: { kind: 'mediaShare', postId: param<string>('postId') }, quickReplies: [] };
		default:
			throw new MessageFieldError('messageType', `unknown message type "${kind}"`);
	}
}

export function readDelivery(ctx: IExecuteFunctions, i: number): Delivery {
	const messagingType = ctx.getNodeParameter('messagingType', i, 'RESPONSE') as Delivery['messagingType'];
	// Version 1 kept the quoted message among the run settings ("Options").
	const options = ctx.getNodeParameter(ctx.getNode().typeVersion >= 2 ? 'messageOptions' : 'options', i, {}) as IDataObject;
	return {
		messagingType,
		tag: messagingType === 'MESSAGE_TAG' ? (ctx.getNodeParameter('tag', i) as string) : undefined,
		replyTo: options.replyTo ? String(options.replyTo) : undefined,
	};
}

/** fixedCollection `{ button: [{ type, title, value }] }` → typed buttons. */
function readButtons(collection: IDataObject | undefined): MetaButton[] {
	const rows = (collection?.button as IDataObject[] | undefined) ?? [];
	return rows.map((row) => {
		const type = String(row.type ?? 'postback') as MetaButton['type'];
		const title = String(row.title ?? '');
		const value = String(row.value ?? '');
		return type === 'web_url' ? { type, title, url: value } : { type, title, payload: value };
	});
}

function readElements(collection: IDataObject): GenericElement[] {
	const rows = (collection.element as IDataObject[] | undefined) ?? [];
	return rows.map((row) => ({
		title: String(row.title ?? ''),
		subtitle: row.subtitle ? String(row.subtitle) : undefined,
		imageUrl: row.imageUrl ? String(row.imageUrl) : undefined,
		defaultActionUrl: row.defaultActionUrl ? String(row.defaultActionUrl) : undefined,
		buttons: readButtons(row.buttons as IDataObject | undefined),
	}));
}

function readQuickReplies(collection: IDataObject, channel: MetaChannel): QuickReply[] {
	const rows = (collection.reply as IDataObject[] | undefined) ?? [];
	return rows.map((row): QuickReply => {
		const contentType = channel === 'messenger' ? String(row.contentType ?? 'text') : 'text';
		if (contentType === 'user_email' || contentType === 'user_phone_number') return { contentType };
		return {
			contentType: 'text',
			title: String(row.title ?? ''),
			payload: String(row.payload ?? ''),
			imageUrl: row.imageUrl ? String(row.imageUrl) : undefined,
		};
	});
}
