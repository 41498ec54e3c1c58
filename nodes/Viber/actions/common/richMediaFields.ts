import type { INodeProperties } from 'n8n-workflow';

import { buttonFields } from './buttonFields';

const richMedia = (extra: Record<string, string[]> = {}) => ({
	show: { resource: ['message'], messageType: ['rich_media'], ...extra },
});

/** A carousel: groups of buttons (with images and texts) that scroll sideways. */
export const richMediaFields: INodeProperties[] = [
	{
		displayName: 'Define Carousel',
		name: 'richMediaMode',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		displayOptions: richMedia(),
	},
	{
		displayName: 'Rich Media JSON',
		name: 'richMediaJson',
		type: 'json',
		default: '{\n  "ButtonsGroupColumns": 6,\n  "ButtonsGroupRows": 7,\n  "Buttons": []\n}',
		description: 'The rich_media object as in Viber\'s documentation; limits are checked before sending',
		displayOptions: richMedia({ richMediaMode: ['json'] }),
	},
	{
		displayName: 'Group Columns',
		name: 'groupColumns',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 6 },
		default: 6,
		description: 'Width of one carousel card, 1–6 columns',
		displayOptions: richMedia({ richMediaMode: ['fields'] }),
	},
	{
		displayName: 'Group Rows',
		name: 'groupRows',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 7 },
		default: 7,
		description: 'Height of one carousel card, 1–7 rows',
		displayOptions: richMedia({ richMediaMode: ['fields'] }),
	},
	{
		displayName: 'Buttons',
		name: 'richMediaButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Button',
		default: {},
		description: 'Buttons fill the cards left to right, top to bottom; at most six cards',
		displayOptions: richMedia({ richMediaMode: ['fields'] }),
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: buttonFields(
					[
						{ name: 'None (Image or Text Only)', value: 'none', description: 'A decorative cell' },
						{ name: 'Open URL', value: 'open-url', description: 'Opens the URL in Action Body' },
						{ name: 'Reply', value: 'reply', description: 'Sends Action Body back to the bot' },
					],
					7,
				),
			},
		],
	},
	{
		displayName: 'Alternative Text',
		name: 'altText',
		type: 'string',
		default: '',
		description: 'Shown by Viber clients that cannot display rich media',
		displayOptions: richMedia(),
	},
];
