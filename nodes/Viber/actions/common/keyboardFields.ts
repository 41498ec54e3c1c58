import type { INodeProperties } from 'n8n-workflow';

import { buttonFields } from './buttonFields';

const messages = (extra: Record<string, string[]> = {}) => ({ show: { resource: ['message'], ...extra } });

/** A custom keyboard, attachable to any message type. */
export const keyboardFields: INodeProperties[] = [
	{
		displayName: 'Keyboard',
		name: 'keyboardMode',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'none',
		description: 'Buttons shown instead of the phone keyboard until the next message',
		displayOptions: messages(),
	},
	{
		displayName: 'Keyboard JSON',
		name: 'keyboardJson',
		type: 'json',
		default: '{\n  "Type": "keyboard",\n  "DefaultHeight": false,\n  "Buttons": []\n}',
		description: 'The keyboard object as in Viber\'s documentation; limits are checked before sending',
		displayOptions: messages({ keyboardMode: ['json'] }),
	},
	{
		displayName: 'Keyboard Buttons',
		name: 'keyboardButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Button',
		default: {},
		displayOptions: messages({ keyboardMode: ['fields'] }),
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: buttonFields(
					[
						{ name: 'Location Picker', value: 'location-picker', description: "Sends the user's chosen location (Viber 3+)" },
						{ name: 'None', value: 'none', description: 'A decorative button' },
						{ name: 'Open URL', value: 'open-url', description: 'Opens the URL in Action Body' },
						{ name: 'Reply', value: 'reply', description: 'Sends Action Body back to the bot' },
						{ name: 'Share Phone', value: 'share-phone', description: "Sends the user's phone number (Viber 3+)" },
					],
					2,
				),
			},
		],
	},
	{
		displayName: 'Keyboard Options',
		name: 'keyboardOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: messages({ keyboardMode: ['fields'] }),
		options: [
			{
				displayName: 'Background Color',
				name: 'bgColor',
				type: 'color',
				default: '',
			},
			{
				displayName: 'Default Height',
				name: 'defaultHeight',
				type: 'boolean',
				default: false,
				description: 'Whether the keyboard takes its default height instead of fitting its buttons',
			},
			{
				displayName: 'Input Field State',
				name: 'inputFieldState',
				type: 'options',
				options: [
					{ name: 'Hidden', value: 'hidden' },
					{ name: 'Minimized', value: 'minimized' },
					{ name: 'Regular', value: 'regular' },
				],
				default: 'regular',
				description: 'Whether the text input stays visible next to the keyboard (Viber 4+)',
			},
		],
	},
];
