import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { count, MessageFieldError, requireText, url } from '../limits';
import { buildViberMessage, type ViberContent, type ViberEnvelope, type ViberTarget } from './message';
import { viberRequest, type ViberRequestOptions, type ViberResponse } from './transport';

/**
 * What the Viber node's operations do. Outputs share the WhatsApp node's keys where the concept
 * is the same (`messageId`, `recipientId`, `response`) so a flow can switch channels.
 */

type SendOptions = Omit<ViberRequestOptions, 'idempotent'>;

export async function sendViberMessage(
	this: IExecuteFunctions,
	receiver: string,
	envelope: ViberEnvelope,
	content: ViberContent,
	options: SendOptions,
): Promise<IDataObject> {
	const body = buildViberMessage({ receiver }, envelope, content);
	const response = await viberRequest.call(this, 'send_message', body, { ...options, idempotent: false });
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
	this: IExecuteFunctions,
	receivers: string[],
	envelope: ViberEnvelope,
	content: ViberContent,
	options: SendOptions,
): Promise<IDataObject> {
	const target: ViberTarget = { broadcastList: receivers };
	const body = buildViberMessage(target, envelope, content);
	const response = await viberRequest.call(this, 'broadcast_message', body, { ...options, idempotent: false });
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

export async function getViberAccountInfo(this: IExecuteFunctions, options: SendOptions): Promise<IDataObject> {
	return publicResponse(await viberRequest.call(this, 'get_account_info', {}, { ...options, idempotent: true }));
}

export async function getViberUserDetails(this: IExecuteFunctions, userId: string, options: SendOptions): Promise<IDataObject> {
	const id = requireText('id', userId).trim();
	const response = await viberRequest.call(this, 'get_user_details', { id }, { ...options, idempotent: true });
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
export async function setViberWebhook(this: IExecuteFunctions, settings: ViberWebhookSettings, options: SendOptions): Promise<IDataObject> {
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
	return publicResponse(await viberRequest.call(this, 'set_webhook', body, { ...options, idempotent: true }));
}

/** Viber's answer as plain data (it carries no secrets: the token travels in a header). */
function publicResponse(response: ViberResponse): IDataObject {
	return { ...response };
}
