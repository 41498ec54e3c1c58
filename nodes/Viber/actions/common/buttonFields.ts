import type { INodeProperties } from 'n8n-workflow';

/** Fields of one keyboard or rich-media button; the action types differ per place. */
export function buttonFields(actionTypes: Array<{ name: string; value: string; description: string }>, maxRows: number): INodeProperties[] {
	return [
		{
			displayName: 'Action',
			name: 'actionType',
			type: 'options',
			options: actionTypes,
			default: 'reply',
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			default: '',
			description: 'Label of the button (Viber allows simple HTML), at most 250 characters',
		},
		{
			displayName: 'Action Body',
			name: 'actionBody',
			type: 'string',
			default: '',
			description: 'Reply: the text sent back to the bot (the trigger outputs it as the payload). Open URL: the URL. Ignored by the other actions.',
		},
		{
			displayName: 'Image URL',
			name: 'image',
			type: 'string',
			default: '',
			description: 'Optional background image of the button',
		},
		{
			displayName: 'Columns',
			name: 'columns',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 6 },
			default: 6,
			description: 'Width of the button, 1–6 columns',
		},
		{
			displayName: 'Rows',
			name: 'rows',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: maxRows },
			default: 1,
			description: `Height of the button, 1–${maxRows} rows`,
		},
		{
			displayName: 'Background Color',
			name: 'bgColor',
			type: 'color',
			default: '',
		},
		{
			displayName: 'Silent',
			name: 'silent',
			type: 'boolean',
			default: false,
			description: 'Whether the reply is sent without showing it in the chat',
		},
	];
}
