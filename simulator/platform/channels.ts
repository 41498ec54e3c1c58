import type { FakePlatform } from './fakePlatform';
import { graphError, ids } from './defaults';
import type { RecordedRequest, ScriptedResponse } from './types';

/**
 * Default answers for the Messenger, Instagram and Viber endpoints beyond sending (Meta's
 * Send API and Viber's REST bot API): Messenger's attachment upload, Instagram's token refresh and account lookup,
 * Viber's account info, user details and webhook. Registered by `FakePlatform.installDefaults`.
 */
export function installChannelRoutes(platform: FakePlatform): void {
	platform.on('POST', '/:version/:pageId/message_attachments', messengerAttachmentUpload);
	platform.on('GET', '/refresh_access_token', instagramTokenRefresh);
	platform.on('GET', '/:version/me', (request) => ({ json: { id: '17841400000000000', user_id: '17841400000000000', username: 'chatflow.fake', ...fields(request) } }));
	for (const prefix of ['', '/pa']) {
		platform.on('POST', `${prefix}/get_account_info`, () => ({ json: viberAccountInfo(platform) }));
		platform.on('POST', `${prefix}/get_user_details`, viberUserDetails);
		platform.on('POST', `${prefix}/set_webhook`, (request) => viberSetWebhook(platform, request));
	}
}

/** Multipart (`message` + `filedata`) or JSON with a URL, as Messenger accepts both. */
function messengerAttachmentUpload(request: RecordedRequest): ScriptedResponse {
	const contentType = String(request.headers['content-type'] ?? '');
	if (contentType.startsWith('multipart/form-data')) {
		const raw = request.body.toString('latin1');
		if (!raw.includes('name="filedata"')) return graphError(100, '(#100) Upload attachment failure: filedata is required');
		if (!raw.includes('name="message"')) return graphError(100, '(#100) The parameter message is required');
		return { json: { attachment_id: ids.media() } };
	}
	const body = request.json as { message?: { attachment?: { payload?: { url?: string } } } } | undefined;
	if (!body?.message?.attachment?.payload?.url) return graphError(100, '(#100) Upload attachment failure: a url or filedata is required');
	return { json: { attachment_id: ids.media() } };
}

function instagramTokenRefresh(request: RecordedRequest): ScriptedResponse {
	if (request.query.grant_type !== 'ig_refresh_token') return graphError(100, 'grant_type must be ig_refresh_token');
	return { json: { access_token: `IGAA${ids.media()}`, token_type: 'bearer', expires_in: 5_183_944 } };
}

function fields(request: RecordedRequest): Record<string, string> {
	return request.query.fields?.includes('name') ? { name: 'Chatflow Fake' } : {};
}

/** The webhook each fake Viber bot has, as get_account_info reports it. */
const viberWebhooks = new WeakMap<FakePlatform, string>();

function viberAccountInfo(platform: FakePlatform): Record<string, unknown> {
	return {
		status: 0,
		status_message: 'ok',
		id: 'pa:5555555555555555555',
		name: 'Chatflow Fake Bot',
		uri: 'chatflowfake',
		icon: `${platform.url}/icon.png`,
		category: 'Education',
		subcategory: 'Other',
		country: 'DE',
		webhook: viberWebhooks.get(platform) ?? '',
		event_types: ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'],
		subscribers_count: 2,
		members: [{ id: 'admin01234567890A==', name: 'Admin', role: 'admin' }],
	};
}

function viberUserDetails(request: RecordedRequest): ScriptedResponse {
	const body = (request.json ?? {}) as { id?: string };
	if (!body.id) return { json: { status: 4, status_message: 'missingData' } };
	return {
		json: {
			status: 0,
			status_message: 'ok',
			message_token: ids.viberToken(),
			user: {
				id: body.id,
				name: 'Ada Lovelace',
				avatar: 'https://example.com/ada.jpg',
				country: 'GB',
				language: 'en',
				primary_device_os: 'Android 14',
				api_version: 10,
				viber_version: '21.8.0.0',
				device_type: 'Pixel 8',
			},
		},
	};
}

function viberSetWebhook(platform: FakePlatform, request: RecordedRequest): ScriptedResponse {
	const body = (request.json ?? {}) as { url?: unknown; event_types?: string[] };
	if (typeof body.url !== 'string') return { json: { status: 4, status_message: 'missingData' } };
	if (body.url !== '' && !body.url.startsWith('https://') && !body.url.startsWith('http://127.0.0.1')) {
		return { json: { status: 1, status_message: 'Result[HttpRequest[POST /] failed. Invalid URL]' } };
	}
	viberWebhooks.set(platform, body.url);
	return {
		json: {
			status: 0,
			status_message: 'ok',
			chat_hostname: 'SN-CHAT-01_',
			...(body.url === '' ? {} : { event_types: body.event_types ?? ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'] }),
		},
	};
}
