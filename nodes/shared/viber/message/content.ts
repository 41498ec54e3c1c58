import type { IDataObject } from 'n8n-workflow';

import { integer, numberBetween, optionalText, text, url } from '../../fields';
import { VIBER_API_VERSION_FOR, VIBER_LIMITS } from '../limits';
import { checkRichMedia } from './richMedia';
import type { ViberContent } from './types';

/** The type-specific part of a send_message body, validated; plus the API version it needs. */
export interface BuiltContent {
	body: IDataObject;
	minApiVersion: number;
}

export function buildContent(content: ViberContent): BuiltContent {
	const plain = (body: IDataObject): BuiltContent => ({ body: { type: content.type, ...body }, minApiVersion: 1 });
	switch (content.type) {
		case 'text':
			return plain({ text: text('text', content.text, VIBER_LIMITS.text) });
		case 'picture':
			return plain({
				// Viber requires the key; an empty caption is allowed.
				text: optionalText('text', content.text, VIBER_LIMITS.pictureText) ?? '',
				media: url('media', content.media, VIBER_LIMITS.mediaUrl),
				...optionalUrl('thumbnail', content.thumbnail),
			});
		case 'video':
			return plain({
				media: url('media', content.media, VIBER_LIMITS.mediaUrl),
				size: integer('size', content.size, 1, VIBER_LIMITS.fileSize),
				...(content.duration !== undefined ? { duration: integer('duration', content.duration, 0, VIBER_LIMITS.videoDuration) } : {}),
				...optionalUrl('thumbnail', content.thumbnail),
			});
		case 'file':
			return plain({
				media: url('media', content.media, VIBER_LIMITS.mediaUrl),
				size: integer('size', content.size, 1, VIBER_LIMITS.fileSize),
				file_name: text('file_name', content.fileName, VIBER_LIMITS.fileName),
			});
		case 'contact':
			return plain({
				contact: {
					name: text('contact.name', content.name, VIBER_LIMITS.contactName),
					phone_number: text('contact.phone_number', content.phoneNumber, VIBER_LIMITS.contactPhone),
				},
			});
		case 'location':
			return plain({
				location: {
					lat: numberBetween('location.lat', content.lat, -90, 90),
					lon: numberBetween('location.lon', content.lon, -180, 180),
				},
			});
		case 'url':
			return plain({ media: url('media', content.media, VIBER_LIMITS.mediaUrl) });
		case 'sticker':
			return plain({ sticker_id: integer('sticker_id', content.stickerId, 1, Number.MAX_SAFE_INTEGER) });
		case 'rich_media': {
			const altText = optionalText('alt_text', content.altText, VIBER_LIMITS.altText);
			return {
				body: { type: 'rich_media', rich_media: checkRichMedia(content.richMedia), ...(altText ? { alt_text: altText } : {}) },
				minApiVersion: VIBER_API_VERSION_FOR.richMedia,
			};
		}
	}
}

function optionalUrl(field: string, value: string | undefined): IDataObject {
	return value ? { [field]: url(field, value, VIBER_LIMITS.mediaUrl) } : {};
}
