import { randomBytes } from 'node:crypto';

import type { HttpBody, StreamedChunk } from './types';

/** One file part of a multipart upload. */
export interface MultipartFile {
	field: string;
	/** The bytes, or a stream of them with its size (a file in n8n's binary store). */
	data: Buffer | StreamedChunk;
	fileName: string;
	mimeType: string;
}

export interface MultipartForm {
	fields: Record<string, string>;
	files: MultipartFile[];
}

/**
 * Encodes multipart/form-data as a list of chunks: the headers of each part, then the file as
 * it is, its own buffer or its stream. The layer writes the chunks one after the other, so a
 * 100 MB video goes from n8n's binary store to the socket without being held in memory (or from
 * the buffer n8n gave us without a second copy), and the same chunks can be written again when
 * a request that never left is retried (a stream is opened again). Names are escaped as
 * browsers do (WHATWG FormData: `"` → %22, CR → %0D, LF → %0A); line breaks in values become CRLF.
 */
export function encodeMultipart(form: MultipartForm): HttpBody {
	const boundary = `----chatflow${randomBytes(12).toString('hex')}`;
	const chunks: HttpBody['chunks'] = [];
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
