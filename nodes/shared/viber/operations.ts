import type { IDataObject } from 'n8n-workflow';

import { count, MessageFieldError, requireText, url } from '../fields';
import type { ViberClient, ViberRequest, ViberResponse } from './client';
import { buildViberMessage, type ViberContent, type ViberEnvelope, type ViberTarget } from './message';

/**
 * What the Viber node's operations do. Outputs share the WhatsApp node's keys where the concept
 * is the same (`messageId`, `recipientId`, `response`) so a flow can switch channels.
 */

/** The per-item part of a request: the bot's limiter and the item index. */
type SendOptions = Pick<ViberRequest, 'limiter' | 'itemIndex'>;

export async function sendViberMessage(
	viber: ViberClient,
	receiver: string,
	envelope: ViberEnvelope,
	content: ViberContent,
	options: SendOptions,
): Promise<IDataObject> {
	const body = buildViberMessage({ receiver }, envelope, content);
	const response = await viber.request({ ...options, endpoint: 'send_message', body, idempotent: false });
	return {
		channel: 'viber',
		messageId: response.message_token,
		recipientId: body.receiver,
		type: content.type,
		response: publicResponse(response),
	};
}

/** One request for up to 300 receivers; Viber lists the ones it could not deliver to. */
export async function broadcastViberMessage(
	viber: ViberClient,
	receivers: string[],
	envelope: ViberEnvelope,
	content: ViberContent,
	options: SendOptions,
): Promise<IDataObject> {
	const target: ViberTarget = { broadcastList: receivers };
	const body = buildViberMessage(target, envelope, content);
	const response = await viber.request({ ...options, endpoint: 'broadcast_message', body, idempotent: false });
	const failedList = Array.isArray(response.failed_list) ? (response.failed_list as IDataObject[]) : [];
	const failed = new Set(failedList.map((entry) => String(entry.receiver)));
	const recipientIds = body.broadcast_list as string[];
	return {
		channel: 'viber',
		messageId: response.message_token,
		recipientIds,
		deliveredTo: recipientIds.filter((id) => !failed.has(id)),
		failedList,
		failedCount: failedList.length,
		type: content.type,
		response: publicResponse(response),
	};
}

export async function getViberAccountInfo(viber: ViberClient, options: SendOptions): Promise<IDataObject> {
	return publicResponse(await viber.request({ ...options, endpoint: 'get_account_info', body: {}, idempotent: true }));
}

export async function getViberUserDetails(viber: ViberClient, userId: string, options: SendOptions): Promise<IDataObject> {
	const id = requireText('id', userId).trim();
	const response = await viber.request({ ...options, endpoint: 'get_user_details', body: { id }, idempotent: true });
	return { ...(response.user as IDataObject), response: publicResponse(response) };
}

export const VIBER_EVENT_TYPES = ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'] as const;

export interface ViberWebhookSettings {
	url: string;
	eventTypes?: string[];
	sendName?: boolean;
	sendPhoto?: boolean;
}

/** `url: ""` removes the webhook (Viber allows one per bot). */
export async function setViberWebhook(viber: ViberClient, settings: ViberWebhookSettings, options: SendOptions): Promise<IDataObject> {
	const body: IDataObject = { url: settings.url === '' ? '' : url('url', settings.url) };
	if (settings.url !== '') {
		if (settings.eventTypes?.length) {
			for (const [index, type] of settings.eventTypes.entries()) {
				if (!(VIBER_EVENT_TYPES as readonly string[]).includes(type)) {
					throw new MessageFieldError(`event_types[${index}]`, `must be one of ${VIBER_EVENT_TYPES.join(', ')}`);
				}
			}
			body.event_types = count('event_types', settings.eventTypes, 1, VIBER_EVENT_TYPES.length);
		}
		if (settings.sendName !== undefined) body.send_name = settings.sendName;
		if (settings.sendPhoto !== undefined) body.send_photo = settings.sendPhoto;
	}
	return publicResponse(await viber.request({ ...options, endpoint: 'set_webhook', body, idempotent: true }));
}

/** Viber's answer as plain data (it carries no secrets: the token travels in a header). */
function publicResponse(response: ViberResponse): IDataObject {
	return { ...response };
}
