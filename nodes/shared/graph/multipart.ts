import type { MultipartForm } from './types';

/**
 * Encodes a multipart/form-data body with Node's own FormData/Blob/Response (no dependency),
 * into bytes plus the Content-Type with its boundary. A Buffer body goes through every
 * request helper unchanged, and can be sent again on a retry (a stream could not).
 */
export async function encodeMultipart(form: MultipartForm): Promise<{ body: Buffer; contentType: string }> {
	const data = new FormData();
	for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
	for (const file of form.files) {
		data.append(file.field, new Blob([new Uint8Array(file.data)], { type: file.mimeType }), file.fileName);
	}
	const encoded = new Response(data);
	const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
	return { body: Buffer.from(await encoded.arrayBuffer()), contentType };
}
