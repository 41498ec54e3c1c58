import type { INodeProperties } from 'n8n-workflow';

import type { MetaChannel } from '../types';

/** The values of one template button; Instagram has no call button. */
export function buttonValues(channel: MetaChannel): INodeProperties[] {
	const types = [
		...(channel === 'messenger' ? [{ name: 'Call', value: 'phone_number', description: 'Calls the phone number in Value' }] : []),
		{ name: 'Open URL', value: 'web_url', description: 'Opens the URL in Value' },
		{ name: 'Postback', value: 'postback', description: 'Sends Value back to the bot as the postback payload' },
	];
	return [
		{ displayName: 'Type', name: 'type', type: 'options', options: types, default: 'postback' },
		{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Button label, at most 20 characters' },
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			description: 'Postback: the payload (at most 1000 characters). Open URL: the URL. Call: the phone number with country code.',
		},
	];
}
