import { Readable } from 'node:stream';

import { encodeMultipart, type BodyChunk } from '../../../nodes/shared/http';
import { bodyLength, collectBody } from '../../../nodes/shared/http/bodyChunks';

/** The body of a form without streamed parts, as it goes on the wire. */
function buffersOf(chunks: BodyChunk[]): Buffer {
	return Buffer.concat(chunks.map((chunk) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))));
}

describe('encodeMultipart', () => {
	const data = Buffer.from([0, 1, 2, 255, 13, 10]);
	const form = () => encodeMultipart({ fields: { messaging_product: 'whatsapp' }, files: [{ field: 'file', data, fileName: 'a.png', mimeType: 'image/png' }] });

	it('encodes fields and file bytes with a boundary', () => {
		const { chunks, contentType } = form();
		const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
		expect(contentType.startsWith('multipart/form-data; boundary=')).toBe(true);
		const body = buffersOf(chunks);
		const text = body.toString('latin1');
		expect(text.startsWith(`--${boundary}\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n`)).toBe(true);
		expect(text).toContain('name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n');
		expect(body.includes(Buffer.concat([Buffer.from('image/png\r\n\r\n'), data, Buffer.from(`\r\n--${boundary}--\r\n`)]))).toBe(true);
	});

	it('hands the file over as the same buffer, not a copy', () => {
		expect(form().chunks).toContain(data);
	});

	it('escapes quotes and line breaks in names as browsers do, and uses a new boundary each time', () => {
		const { chunks, contentType } = encodeMultipart({ fields: { 'a"b': 'x\ny' }, files: [{ field: 'f', data, fileName: 'evil"\r\nX-Injected: 1.png', mimeType: 'image/png\r\nX: 1' }] });
		const text = buffersOf(chunks).toString('latin1');
		expect(text).toContain('name="a%22b"\r\n\r\nx\r\ny\r\n');
		expect(text).toContain('filename="evil%22%0D%0AX-Injected: 1.png"\r\nContent-Type: image/pngX: 1\r\n');
		expect(text).not.toContain('\r\nX-Injected');
		expect(contentType).not.toBe(form().contentType);
	});

	it('keeps a streamed file as a stream: opened once per write, counted by its announced size', async () => {
		let opened = 0;
		const file = { size: data.length, open: async () => (opened++, Readable.from([data.subarray(0, 2), data.subarray(2)])) };
		const streamed = encodeMultipart({ fields: {}, files: [{ field: 'file', data: file, fileName: 'a.png', mimeType: 'image/png' }] });
		const buffered = encodeMultipart({ fields: {}, files: [{ field: 'file', data, fileName: 'a.png', mimeType: 'image/png' }] });
		expect(streamed.chunks).toContain(file);
		expect(opened).toBe(0);
		expect(bodyLength(streamed.chunks)).toBe(bodyLength(buffered.chunks));
		const boundaryOf = (contentType: string) => /boundary=(.+)$/.exec(contentType)![1];
		const written = (await collectBody(streamed.chunks)).toString('latin1').replaceAll(boundaryOf(streamed.contentType), 'B');
		expect(written).toBe(buffersOf(buffered.chunks).toString('latin1').replaceAll(boundaryOf(buffered.contentType), 'B'));
		await collectBody(streamed.chunks);
		expect(opened).toBe(2);
	});

	it('refuses a streamed file that cannot be read or whose length is not its announced size', async () => {
		const shorter = { size: data.length + 1, open: async () => Readable.from([data]) };
		const longer = { size: data.length - 1, open: async () => Readable.from([data]) };
		await expect(collectBody([shorter])).rejects.toMatchObject({ code: 'E_UPLOAD_SOURCE', message: `The file to upload ends after ${data.length} bytes, not the ${data.length + 1} bytes its metadata gives` });
		await expect(collectBody([longer])).rejects.toMatchObject({ code: 'E_UPLOAD_SOURCE', message: `The file to upload is longer, not the ${data.length - 1} bytes its metadata gives` });
		const unreadable = { size: 1, open: async () => Promise.reject(new Error('binary data file not found')) };
		await expect(collectBody([unreadable])).rejects.toMatchObject({ code: 'E_UPLOAD_SOURCE', message: 'The file to upload could not be read: binary data file not found' });
	});
});
