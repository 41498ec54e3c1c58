import type { INodeProperties } from 'n8n-workflow';

import { messageOptionsProperty, phoneNumberIdProperty, recipientProperty, windowNotice } from '../common/descriptions';
import type { OperationExecute } from '../common/run';
import * as markAsRead from './markAsRead';
import * as sendButtons from './sendButtons';
import * as sendContacts from './sendContacts';
import * as sendCtaUrl from './sendCtaUrl';
import * as sendFlow from './sendFlow';
import * as sendList from './sendList';
import * as sendLocation from './sendLocation';
import * as sendLocationRequest from './sendLocationRequest';
import * as sendMedia from './sendMedia';
import * as sendReaction from './sendReaction';
import * as sendText from './sendText';

export const operations: Record<string, OperationExecute> = {
	sendText: sendText.execute,
	sendMedia: sendMedia.execute,
	sendLocation: sendLocation.execute,
	sendContacts: sendContacts.execute,
	sendReaction: sendReaction.execute,
	sendButtons: sendButtons.execute,
	sendList: sendList.execute,
	sendCtaUrl: sendCtaUrl.execute,
	sendLocationRequest: sendLocationRequest.execute,
	sendFlow: sendFlow.execute,
	markAsRead: markAsRead.execute,
};

const sending = Object.keys(operations).filter((name) => name !== 'markAsRead');
const freeForm = sending.filter((name) => name !== 'sendReaction');
const resource = ['message'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		default: 'sendText',
		options: [
			{ name: 'Mark as Read', value: 'markAsRead', action: 'Mark a message as read', description: 'Blue ticks, optionally with a typing indicator' },
			{ name: 'Send Buttons', value: 'sendButtons', action: 'Send reply buttons', description: 'Up to 3 reply buttons' },
			{ name: 'Send Contacts', value: 'sendContacts', action: 'Send contact cards' },
			{ name: 'Send CTA URL', value: 'sendCtaUrl', action: 'Send a call to action URL button' },
			{ name: 'Send Flow', value: 'sendFlow', action: 'Send a WhatsApp Flow', description: 'A message with a button that opens a WhatsApp Flow' },
			{ name: 'Send List', value: 'sendList', action: 'Send a list message', description: 'Up to 10 choices in sections' },
			{ name: 'Send Location', value: 'sendLocation', action: 'Send a location' },
			{ name: 'Send Location Request', value: 'sendLocationRequest', action: "Ask for the contact's location" },
			{ name: 'Send Media', value: 'sendMedia', action: 'Send an image, video, audio, document or sticker', description: 'By link, media ID or by uploading a binary file' },
			{ name: 'Send Reaction', value: 'sendReaction', action: 'React to a message', description: 'Add or remove an emoji reaction' },
			{ name: 'Send Text', value: 'sendText', action: 'Send a text message' },
		],
	},
	windowNotice(resource, freeForm),
	phoneNumberIdProperty(resource, Object.keys(operations)),
	recipientProperty(resource, sending),
	...sendText.description,
	...sendMedia.description,
	...sendLocation.description,
	...sendContacts.description,
	...sendReaction.description,
	...sendButtons.description,
	...sendList.description,
	...sendCtaUrl.description,
	...sendLocationRequest.description,
	...sendFlow.description,
	...markAsRead.description,
	messageOptionsProperty(resource, freeForm),
];
