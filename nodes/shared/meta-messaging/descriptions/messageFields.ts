import type { INodeProperties } from 'n8n-workflow';

import type { MetaChannel } from '../types';
import { buttonValues } from './buttonValues';

/** The person a message goes to, on every operation of the message resource. */
export function recipientField(channel: MetaChannel): INodeProperties {
	return {
		displayName: 'Recipient ID',
		name: 'recipientId',
		type: 'string',
		required: true,
		default: '',
		description: channel === 'messenger'
			? 'The page-scoped ID (PSID) of the person, as the Chatflow Messenger Trigger outputs it'
			: 'The Instagram-scoped ID (IGSID) of the person, as the Chatflow Instagram Trigger outputs it',
		displayOptions: { show: { resource: ['message'] } },
	};
}

/**
 * The fields of a send, the same for Messenger and Instagram (the Send API shapes are the same);
 * `channel` removes what a channel does not support.
 */
export function messageFields(channel: MetaChannel): INodeProperties[] {
	const send = (extra: Record<string, string[]> = {}) => ({ show: { resource: ['message'], operation: ['send'], ...extra } });
	const messenger = channel === 'messenger';
	const messageTypes = [
		{ name: 'Button Template', value: 'buttonTemplate', description: 'Text with up to three buttons' },
		{ name: 'Generic Template', value: 'genericTemplate', description: 'Cards with image, title, subtitle and buttons (a carousel)' },
		...(channel === 'instagram' ? [{ name: 'Like Heart Sticker', value: 'likeHeart', description: 'The heart sticker' }] : []),
		{ name: 'Media', value: 'media', description: messenger ? 'An image, audio, video or file' : 'An image or GIF, audio or video by URL' },
		...(messenger ? [{ name: 'Media Template', value: 'mediaTemplate', description: 'An image or video with an optional button' }] : []),
		...(channel === 'instagram' ? [{ name: 'Share Post', value: 'mediaShare', description: 'One of your Instagram posts' }] : []),
		{ name: 'Text', value: 'text' },
	];
	const mediaTypes = [
		{ name: 'Audio', value: 'audio' },
		...(messenger ? [{ name: 'File', value: 'file' }] : []),
		{ name: messenger ? 'Image' : 'Image or GIF', value: 'image' },
		{ name: 'Video', value: 'video' },
	];
	return [
		{ displayName: 'Message Type', name: 'messageType', type: 'options', options: messageTypes, default: 'text', displayOptions: send() },
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			description: messenger ? 'At most 2000 characters' : 'At most 1000 bytes of UTF-8 text',
			displayOptions: send({ messageType: ['text'] }),
		},
		{ displayName: 'Media Type', name: 'mediaType', type: 'options', options: mediaTypes, default: 'image', displayOptions: send({ messageType: ['media'] }) },
		...(messenger
			? ([
					{
						displayName: 'Media Source',
						name: 'mediaSource',
						type: 'options',
						options: [
							{ name: 'Attachment ID', value: 'attachmentId', description: 'An ID from Attachment → Upload, reusable for every user' },
							{ name: 'Binary File', value: 'binary', description: 'Upload the binary file of the input item, then send it' },
							{ name: 'URL', value: 'url', description: 'A public URL Meta downloads' },
						],
						default: 'url',
						displayOptions: send({ messageType: ['media'] }),
					},
				] as INodeProperties[])
			: []),
		{
			displayName: 'Media URL',
			name: 'mediaUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/photo.jpg',
			displayOptions: messenger ? send({ messageType: ['media'], mediaSource: ['url'] }) : send({ messageType: ['media'] }),
		},
		...(messenger
			? ([
					{
						displayName: 'Reusable',
						name: 'isReusable',
						type: 'boolean',
						default: false,
						description: 'Whether Meta keeps the file so its attachment ID (in the output) can be sent again',
						displayOptions: send({ messageType: ['media'], mediaSource: ['url'] }),
					},
					{
						displayName: 'Attachment ID',
						name: 'attachmentId',
						type: 'string',
						required: true,
						default: '',
						displayOptions: send({ messageType: ['media'], mediaSource: ['attachmentId'] }),
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						required: true,
						default: 'data',
						description: 'The binary field of the input item that holds the file (at most 25 MB)',
						displayOptions: send({ messageType: ['media'], mediaSource: ['binary'] }),
					},
					{
						displayName: 'Media Template Type',
						name: 'mediaTemplateType',
						type: 'options',
						options: [
							{ name: 'Image', value: 'image' },
							{ name: 'Video', value: 'video' },
						],
						default: 'image',
						displayOptions: send({ messageType: ['mediaTemplate'] }),
					},
					{
						// Own names (not mediaSource/mediaUrl): a value chosen for Media must not leak into the template.
						displayName: 'Media Source',
						name: 'templateMediaSource',
						type: 'options',
						options: [
							{ name: 'Attachment ID', value: 'attachmentId' },
							{ name: 'Facebook URL', value: 'url', description: 'The URL of a photo or video posted on Facebook' },
						],
						default: 'attachmentId',
						displayOptions: send({ messageType: ['mediaTemplate'] }),
					},
					{
						displayName: 'Attachment ID',
						name: 'templateAttachmentId',
						type: 'string',
						required: true,
						default: '',
						description: 'An ID from Attachment → Upload',
						displayOptions: send({ messageType: ['mediaTemplate'], templateMediaSource: ['attachmentId'] }),
					},
					{
						displayName: 'Facebook Media URL',
						name: 'templateMediaUrl',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'https://www.facebook.com/photo.php?fbid=…',
						displayOptions: send({ messageType: ['mediaTemplate'], templateMediaSource: ['url'] }),
					},
				] as INodeProperties[])
			: []),
		{
			displayName: 'Post ID',
			name: 'postId',
			type: 'string',
			required: true,
			default: '',
			description: 'ID of an Instagram post (media) of this account',
			displayOptions: send({ messageType: ['mediaShare'] }),
		},
		{
			displayName: 'Text',
			name: 'templateText',
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			description: 'Shown above the buttons, at most 640 characters',
			displayOptions: send({ messageType: ['buttonTemplate'] }),
		},
		{
			displayName: 'Buttons',
			name: 'buttons',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, maxAllowedFields: 3 },
			placeholder: 'Add Button',
			default: {},
			description: messenger ? 'One to three buttons (one for the media template)' : 'One to three buttons',
			displayOptions: send({ messageType: messenger ? ['buttonTemplate', 'mediaTemplate'] : ['buttonTemplate'] }),
			options: [{ displayName: 'Button', name: 'button', values: buttonValues(channel) }],
		},
		{
			displayName: 'Elements',
			name: 'elements',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, maxAllowedFields: 10 },
			placeholder: 'Add Element',
			default: {},
			description: 'One to ten cards, shown as a horizontal carousel',
			displayOptions: send({ messageType: ['genericTemplate'] }),
			options: [
				{
					displayName: 'Element',
					name: 'element',
					values: [
						{
							displayName: 'Buttons',
							name: 'buttons',
							type: 'fixedCollection',
							typeOptions: { multipleValues: true, maxAllowedFields: 3 },
							placeholder: 'Add Button',
							default: {},
							options: [{ displayName: 'Button', name: 'button', values: buttonValues(channel) }],
						},
						{ displayName: 'Default Action URL', name: 'defaultActionUrl', type: 'string', default: '', description: 'Opened when the card itself is tapped' },
						{ displayName: 'Image URL', name: 'imageUrl', type: 'string', default: '' },
						{ displayName: 'Subtitle', name: 'subtitle', type: 'string', default: '', description: 'At most 80 characters' },
						{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'At most 80 characters' },
					],
				},
			],
		},
		{
			displayName: 'Quick Replies',
			name: 'quickReplies',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, maxAllowedFields: 13 },
			placeholder: 'Add Quick Reply',
			default: {},
			description: 'Up to 13 chips shown above the keyboard until the person answers',
			displayOptions: { show: { resource: ['message'], operation: ['send'] }, hide: { messageType: ['likeHeart', 'mediaShare'] } },
			options: [
				{
					displayName: 'Quick Reply',
					name: 'reply',
					values: [
						...(messenger
							? ([
									{
										displayName: 'Type',
										name: 'contentType',
										type: 'options',
										options: [
											{ name: 'Ask for Email', value: 'user_email' },
											{ name: 'Ask for Phone Number', value: 'user_phone_number' },
											{ name: 'Text', value: 'text' },
										],
										default: 'text',
									},
								] as INodeProperties[])
							: []),
						{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'At most 20 characters (text replies)' },
						{
							displayName: 'Payload',
							name: 'payload',
							type: 'string',
							default: '',
							description: 'Sent back to the bot when tapped (the trigger outputs it as the payload), at most 1000 characters',
						},
						{ displayName: 'Image URL', name: 'imageUrl', type: 'string', default: '', description: 'Optional icon' },
					],
				},
			],
		},
	];
}
