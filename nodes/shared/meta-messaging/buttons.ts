import type { IDataObject } from 'n8n-workflow';

import { count, MessageFieldError, oneOf, text, url } from '../fields';
import { META_LIMITS, type ChannelRules } from './limits';
import type { MetaButton } from './types';

/** Validates template buttons (web_url, postback, phone_number) into Meta's shape. */
export function buildButtons(field: string, buttons: MetaButton[], max: number, rules: ChannelRules): IDataObject[] {
	return count(field, buttons, 1, max).map((button, index) => buildButton(`${field}[${index}]`, button, rules));
}

function buildButton(field: string, button: MetaButton, rules: ChannelRules): IDataObject {
	const type = oneOf(`${field}.type`, button.type, rules.buttonTypes);
	const title = text(`${field}.title`, button.title, META_LIMITS.buttonTitle);
	switch (type) {
		case 'web_url':
			return { type, url: url(`${field}.url`, (button as { url: string }).url, META_LIMITS.urlLength), title };
		case 'postback':
			return { type, title, payload: text(`${field}.payload`, (button as { payload: string }).payload, META_LIMITS.payload) };
		case 'phone_number': {
			const phone = text(`${field}.payload`, (button as { payload: string }).payload, 30).trim();
			if (!/^\+\d{6,15}$/.test(phone.replace(/[\s-]/g, ''))) {
				throw new MessageFieldError(`${field}.payload`, `must be a phone number with country code, like +15551234567 (got "${phone}")`);
			}
			return { type, title, payload: phone.replace(/[\s-]/g, '') };
		}
	}
}
