import { randomBytes } from 'node:crypto';

import type { HttpBody } from './types';

/** One file part of a multipart upload. */
export interface MultipartFile {
	field: string;
	data: Buffer;
	fileName: string;
	mimeType: string;
}

export interface MultipartForm {
	fields: Record<string, string>;
	files: MultipartFile[];
}

/**
 * Encodes multipart/form-data as a list of chunks: the headers of each part, then the file's
 * own buffer as it is. The layer writes the chunks one after the other, so a 100 MB video is
 * streamed from the buffer n8n gave us instead of being copied into a second one, and the same
 * chunks can be written again when a request that never left is retried. Names are escaped as
 * browsers do (WHATWG FormData: `"` → %22, CR → %0D, LF → %0A); line breaks in values become CRLF.
 */
export function encodeMultipart(form: MultipartForm): HttpBody & { chunks: Buffer[] } {
	const boundary = `----chatflow${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const [name, value] of Object.entries(form.fields)) {
		chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${value.replace(/\r\n|\r|\n/g, '\r\n')}\r\n`));
	}
	for (const file of form.files) {
		const type = file.mimeType.replace(/[\r\n]/g, '') || 'application/octet-stream';
		chunks.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(file.field)}"; filename="${escapeName(file.fileName)}"\r\nContent-Type: ${type}\r\n\r\n`),
			file.data,
			Buffer.from('\r\n'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { chunks, contentType: `multipart/form-data; boundary=${boundary}` };
}

function escapeName(name: string): string {
	return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
