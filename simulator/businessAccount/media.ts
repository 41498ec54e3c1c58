import { createHash } from 'node:crypto';

import { graphError, ids } from '../platform/defaults';
import type { FakePlatform } from '../platform/fakePlatform';
import type { RecordedRequest, ScriptedResponse } from '../platform/types';

/**
 * Media on the simulated Graph API (Meta's media API): `POST /{phone}/media` (multipart `file`),
 * `GET /{media_id}` → url, mime_type, sha256, file_size; the url serves the bytes;
 * `DELETE /{media_id}`. The chat page uploads the images a contact sends here too, so a trigger
 * with "Download Media" fetches them exactly as from Meta.
 */

export interface StoredMedia {
	id: string;
	bytes: Buffer;
	mimeType: string;
	fileName: string;
	sha256: string;
}

const MAX_BYTES = 100 * 1024 * 1024;

export class MediaStore {
	private readonly items = new Map<string, StoredMedia>();

	constructor(private readonly platform: FakePlatform) {}

	get(id: string): StoredMedia | undefined {
		return this.items.get(id);
	}

	url(id: string): string {
		return `${this.platform.url}/_sim/media/${id}`;
	}

	add(bytes: Buffer, mimeType: string, fileName: string): StoredMedia {
		const media: StoredMedia = { id: ids.media(), bytes, mimeType, fileName, sha256: createHash('sha256').update(bytes).digest('base64'), };
		this.items.set(media.id, media);
		// One exact route per id, so `GET /{id}` of flows, pages and accounts stays with their routes.
		this.platform.on('GET', `/:version/${media.id}`, () => (this.items.has(media.id) ? { json: this.describe(media) } : missing(media.id)));
		this.platform.on('DELETE', `/:version/${media.id}`, () => ({ json: { success: this.items.delete(media.id) } }));
		return media;
	}

	describe(media: StoredMedia): Record<string, unknown> {
		return { messaging_product: 'whatsapp', url: this.url(media.id), mime_type: media.mimeType, sha256: media.sha256, file_size: media.bytes.length, id: media.id };
	}

	install(): void {
		this.platform.on('POST', '/:version/:phoneNumberId/media', (request) => this.upload(request));
		this.platform.on('GET', '/_sim/media/:id', (_request, params) => {
			const media = this.items.get(params.id);
			if (!media) return { status: 404, body: 'not found' };
			return { body: media.bytes, headers: { 'content-type': media.mimeType, 'content-disposition': `inline; filename="${media.fileName}"`, 'cache-control': 'max-age=3600' } };
		});
	}

	private upload(request: RecordedRequest): ScriptedResponse {
		const parts = parseMultipart(request);
		if (!parts) return graphError(100, '(#100) Param file must be a file with one of the following types: audio/aac, audio/mp4, audio/mpeg, audio/amr, audio/ogg, text/plain, application/pdf, image/jpeg, image/png, video/mp4, video/3gpp');
		if (parts.fields.messaging_product !== 'whatsapp') return graphError(100, '(#100) The parameter messaging_product is required.');
		const file = parts.files.file;
		if (!file) return graphError(100, '(#100) The parameter file is required.');
		if (file.bytes.length > MAX_BYTES) return graphError(131052, '(#131052) Media upload error: file too large');
		const mimeType = parts.fields.type || file.contentType || 'application/octet-stream';
		return { json: { id: this.add(file.bytes, mimeType, file.fileName).id } };
	}
}

function missing(id: string): ScriptedResponse {
	return graphError(100, `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 400, { error_subcode: 33 });
}

interface Multipart {
	fields: Record<string, string>;
	files: Record<string, { bytes: Buffer; fileName: string; contentType: string }>;
}

/** Binary-safe multipart/form-data parsing (the file part may hold any bytes). */
export function parseMultipart(request: RecordedRequest): Multipart | undefined {
	const contentType = String(request.headers['content-type'] ?? '');
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
	if (!contentType.startsWith('multipart/form-data') || !boundary) return undefined;
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const result: Multipart = { fields: {}, files: {} };
	let start = request.body.indexOf(delimiter);
	while (start !== -1) {
		const partStart = start + delimiter.length + 2; // CRLF after the delimiter
		const next = request.body.indexOf(delimiter, partStart);
		if (next === -1) break;
		const part = request.body.subarray(partStart, next - 2); // CRLF before the next delimiter
		const split = part.indexOf('\r\n\r\n');
		if (split !== -1) {
			const head = part.subarray(0, split).toString('utf8');
			const content = part.subarray(split + 4);
			const name = /name="([^"]*)"/.exec(head)?.[1];
			const fileName = /filename="([^"]*)"/.exec(head)?.[1];
			if (name && fileName !== undefined) {
				result.files[name] = { bytes: Buffer.from(content), fileName, contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? '' };
			} else if (name) {
				result.fields[name] = content.toString('utf8');
			}
		}
		start = next;
	}
	return result;
}
