import type { IBinaryData, IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { GraphApiError, GraphClient } from '../graph';
import { PlatformHttp, TransportFailure, type HttpStreamResponse } from '../http';
import type { ChatEvent } from '../ingestion/types';

/** From connecting to the last byte of one file, as for the action nodes' downloads. */
const DOWNLOAD_TIMEOUT_MS = 300_000;
/** File hosts such as Meta's lookaside.fbsbx.com may refuse clients without a User-Agent. */
const USER_AGENT = 'n8n-nodes-chatflow';

/**
 * Downloads each event's media into `item.binary[property]`, streamed into n8n's binary store
 * (never held whole in memory) and cut off past `maxBytes`. WhatsApp media ids need two
 * authenticated calls (look the id up, then fetch the short-lived URL with the same token);
 * Messenger, Instagram and Viber send URLs that are fetched as they are, without credential,
 * through the package's HTTP layer (n8n's outbound rules, redirects checked hop by hop). A
 * failed or oversize download does not lose the event: the item carries `mediaError` instead.
 */
export async function attachMedia(
	ctx: IWebhookFunctions,
	items: INodeExecutionData[],
	property: string,
	hasWhatsAppCredential: boolean,
	maxBytes: number,
): Promise<void> {
	let graph: GraphClient | undefined;
	let http: PlatformHttp | undefined;
	for (const item of items) {
		const event = item.json as ChatEvent;
		if (!event.media || (!event.media.id && !event.media.url)) continue;
		try {
			if (event.channel === 'whatsapp' && event.media.id) {
				if (!hasWhatsAppCredential) throw new Error('select a WhatsApp Cloud API credential to download WhatsApp media');
				graph ??= await GraphClient.create(ctx, 'chatflowWhatsAppApi');
				item.binary = { [property]: await whatsAppMedia(ctx, graph, event, maxBytes) };
			} else if (event.media.url) {
				http ??= PlatformHttp.openAnonymous(ctx, { concurrency: 1 });
				item.binary = { [property]: await publicMedia(ctx, http, event, maxBytes) };
			}
		} catch (error) {
			item.json.mediaError = mediaError(error, maxBytes);
		}
	}
}

async function whatsAppMedia(ctx: IWebhookFunctions, graph: GraphClient, event: ChatEvent, maxBytes: number): Promise<IBinaryData> {
	const media = event.media!;
	const info = await graph.request<IDataObject>({ method: 'GET', path: `/${encodeURIComponent(media.id)}` });
	const url = typeof info.url === 'string' ? info.url : '';
	if (!url) throw new Error(`media ${media.id}: the Graph API returned no download URL`);
	if (typeof info.file_size === 'number' && info.file_size > maxBytes) throw tooLarge(maxBytes);
	const file = await graph.downloadStream({ method: 'GET', path: url, maxResponseBytes: maxBytes });
	const mimeType = media.mimeType || String(info.mime_type ?? '') || file.mimeType || 'application/octet-stream';
	return await ctx.helpers.prepareBinaryData(file.stream, media.filename ?? file.fileName ?? fileNameFor(media.id, mimeType), mimeType);
}

async function publicMedia(ctx: IWebhookFunctions, http: PlatformHttp, event: ChatEvent, maxBytes: number): Promise<IBinaryData> {
	const media = event.media!;
	const response = await http.sendStreaming({
		method: 'GET',
		url: media.url,
		headers: { 'user-agent': USER_AGENT },
		timeoutMs: DOWNLOAD_TIMEOUT_MS,
		maxResponseBytes: maxBytes,
		followRedirects: true,
	});
	if (!('stream' in response)) throw new Error(`the media host answered HTTP ${response.statusCode}`);
	const mimeType = media.mimeType || contentType(response) || 'application/octet-stream';
	const urlName = new URL(media.url).pathname.split('/').pop() ?? '';
	return await ctx.helpers.prepareBinaryData(response.stream, media.filename ?? (urlName || fileNameFor(event.messageId, mimeType)), mimeType);
}

function contentType(response: HttpStreamResponse): string {
	const value = response.headers['content-type'];
	return (typeof value === 'string' ? value : '').split(';')[0].trim();
}

function fileNameFor(id: string, mimeType: string): string {
	const extension = mimeType.split('/')[1]?.split(/[;+]/)[0] ?? 'bin';
	return `${id.replace(/[^\w.-]/g, '_') || 'media'}.${extension}`;
}

function tooLarge(maxBytes: number): Error {
	return new Error(`the file is larger than the Max Media Size of ${maxBytes} bytes`);
}

/** The item's `mediaError`: the same sentence for an oversize file wherever it was noticed. */
function mediaError(error: unknown, maxBytes: number): string {
	const code = error instanceof GraphApiError ? error.graph.network_code : error instanceof TransportFailure ? error.code : undefined;
	if (code === 'E_RESPONSE_TOO_LARGE') return tooLarge(maxBytes).message;
	return error instanceof Error ? error.message : String(error);
}
