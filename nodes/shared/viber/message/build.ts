import type { IDataObject } from 'n8n-workflow';

import { count, integer, MessageFieldError, optionalText, requireText, text, unique, url } from '../../fields';
import { VIBER_LIMITS } from '../limits';
import { buildContent } from './content';
import { checkKeyboard, keyboardApiVersion } from './keyboard';
import type { ViberContent, ViberEnvelope } from './types';

/** Who a message goes to: one user (send_message) or up to 300 (broadcast_message). */
export type ViberTarget = { receiver: string } | { broadcastList: string[] };

/**
 * Builds the JSON body of `send_message` / `broadcast_message`: content, sender, keyboard,
 * tracking data and the `min_api_version` that the used features need (raised automatically;
 * a user-set higher version is kept). Throws `MessageFieldError` naming the field.
 */
export function buildViberMessage(target: ViberTarget, envelope: ViberEnvelope, content: ViberContent): IDataObject {
	const built = buildContent(content);
	const keyboard = envelope.keyboard ? checkKeyboard(envelope.keyboard) : undefined;
	const required = Math.max(built.minApiVersion, keyboard ? keyboardApiVersion(keyboard) : 1);
	const requested = envelope.minApiVersion === undefined ? undefined : integer('min_api_version', envelope.minApiVersion, 1, 99);
	const minApiVersion = Math.max(requested ?? 1, required);
	const trackingData = optionalText('tracking_data', envelope.trackingData, VIBER_LIMITS.trackingData);

	const body: IDataObject = {
		...targetFields(target),
		sender: {
			name: text('sender.name', envelope.sender.name, VIBER_LIMITS.senderName),
			...(envelope.sender.avatar ? { avatar: url('sender.avatar', envelope.sender.avatar) } : {}),
		},
		...(trackingData !== undefined ? { tracking_data: trackingData } : {}),
		...(requested !== undefined || minApiVersion > 1 ? { min_api_version: minApiVersion } : {}),
		...built.body,
		...(keyboard ? { keyboard } : {}),
	};
	const bytes = Buffer.byteLength(JSON.stringify(body), 'utf8');
	if (bytes > VIBER_LIMITS.messageBytes) {
		throw new MessageFieldError('message', `the request is ${bytes} bytes; Viber accepts at most ${VIBER_LIMITS.messageBytes} (30 KB)`);
	}
	return body;
}

function targetFields(target: ViberTarget): IDataObject {
	if ('receiver' in target) return { receiver: requireText('receiver', target.receiver).trim() };
	const list = count('broadcast_list', target.broadcastList.map((id) => id.trim()).filter((id) => id !== ''), 1, VIBER_LIMITS.broadcastReceivers);
	unique('broadcast_list', list, (id) => id, 'receiver');
	return { broadcast_list: list };
}
