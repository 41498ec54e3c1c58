import { encodeMultipart } from '../../../nodes/shared/http';

describe('encodeMultipart', () => {
	const data = Buffer.from([0, 1, 2, 255, 13, 10]);
	const form = () => encodeMultipart({ fields: { messaging_product: 'whatsapp' }, files: [{ field: 'file', data, fileName: 'a.png', mimeType: 'image/png' }] });

	it('encodes fields and file bytes with a boundary', () => {
		const { chunks, contentType } = form();
		const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
		expect(contentType.startsWith('multipart/form-data; boundary=')).toBe(true);
		const body = Buffer.concat(chunks);
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
		const text = Buffer.concat(chunks).toString('latin1');
		expect(text).toContain('name="a%22b"\r\n\r\nx\r\ny\r\n');
		expect(text).toContain('filename="evil%22%0D%0AX-Injected: 1.png"\r\nContent-Type: image/pngX: 1\r\n');
		expect(text).not.toContain('\r\nX-Injected');
		expect(contentType).not.toBe(form().contentType);
	});
});
