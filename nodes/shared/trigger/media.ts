import type { IBinaryData, IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { GraphClient } from '../graph';
import type { ChatEvent } from '../ingestion/types';

/**
 * Downloads each event's media into `item.binary[property]`. WhatsApp media ids need two
 * authenticated calls (look the id up, then fetch the short-lived URL with the same token);
 * Messenger, Instagram and Viber send URLs that are fetched as they are. A failed download
 * does not lose the event: the item carries `mediaError` instead.
 */
export async function attachMedia(
	ctx: IWebhookFunctions,
	items: INodeExecutionData[],
	property: string,
	hasWhatsAppCredential: boolean,
): Promise<void> {
	let graph: GraphClient | undefined;
	for (const item of items) {
		const event = item.json as ChatEvent;
		if (!event.media || (!event.media.id && !event.media.url)) continue;
		try {
			if (event.channel === 'whatsapp' && event.media.id) {
				if (!hasWhatsAppCredential) throw new Error('select a WhatsApp Cloud API credential to download WhatsApp media');
				graph ??= await GraphClient.create(ctx, 'chatflowWhatsAppApi');
				item.binary = { [property]: await whatsAppMedia(ctx, graph, event) };
			} else if (event.media.url) {
				item.binary = { [property]: await publicMedia(ctx, event) };
			}
		} catch (error) {
			item.json.mediaError = (error as Error).message;
		}
	}
}

async function whatsAppMedia(ctx: IWebhookFunctions, graph: GraphClient, event: ChatEvent): Promise<IBinaryData> {
	const media = event.media!;
	const info = await graph.request<IDataObject>({ method: 'GET', path: `/${encodeURIComponent(media.id)}` });
	const url = typeof info.url === 'string' ? info.url : '';
	if (!url) throw new Error(`media ${media.id}: the Graph API returned no download URL`);
	const file = await graph.download({ method: 'GET', path: url });
	const mimeType = media.mimeType || String(info.mime_type ?? '') || file.mimeType || 'application/octet-stream';
	return await ctx.helpers.prepareBinaryData(file.data, media.filename ?? file.fileName ?? fileNameFor(media.id, mimeType), mimeType);
}

async function publicMedia(ctx: IWebhookFunctions, event: ChatEvent): Promise<IBinaryData> {
	const media = event.media!;
	const response = (await ctx.helpers.httpRequest({
		method: 'GET',
		url: media.url,
		encoding: 'arraybuffer',
		returnFullResponse: true,
		timeout: 60_000,
	})) as { body: Buffer | ArrayBuffer; headers: Record<string, string | undefined> };
	const data = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
	const mimeType = media.mimeType || (response.headers['content-type'] ?? '').split(';')[0].trim() || 'application/octet-stream';
	const urlName = new URL(media.url).pathname.split('/').pop() ?? '';
	return await ctx.helpers.prepareBinaryData(data, media.filename ?? (urlName || fileNameFor(event.messageId, mimeType)), mimeType);
}

function fileNameFor(id: string, mimeType: string): string {
	const extension = mimeType.split('/')[1]?.split(/[;+]/)[0] ?? 'bin';
	return `${id.replace(/[^\w.-]/g, '_') || 'media'}.${extension}`;
}
