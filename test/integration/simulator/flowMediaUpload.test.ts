/**
 * A file the contact attaches in a Flow on the chat page: the simulator encrypts it as WhatsApp
 * does and serves it on its CDN path; the package's own decryptFlowMedia reads it back.
 */
import { randomBytes } from 'node:crypto';

import { decryptFlowMedia } from '../../../nodes/shared/flows/media';
import { ChatSimulator } from '../../../simulator/chatSimulator';
import { loadConfig } from '../../../simulator/config';

describe('chat page: Flow media upload', () => {
	let simulator: ChatSimulator;
	beforeAll(async () => {
		const config = loadConfig();
		config.port = 0;
		config.statuses = { ...config.statuses, enabled: false };
		simulator = await ChatSimulator.start(config);
	});
	afterAll(async () => await simulator.close());

	const upload = async (body: Buffer, fileName?: string) =>
		await fetch(`${simulator.url}/_sim/api/flows/media`, {
			method: 'POST',
			headers: { 'content-type': 'application/pdf', ...(fileName ? { 'x-file-name': encodeURIComponent(fileName) } : {}) },
			body,
		});

	it('answers the picker value and serves the encrypted file, which decrypts to the original', async () => {
		const plaintext = randomBytes(5000);
		const response = await upload(plaintext, 'Rechnung März.pdf');
		expect(response.status).toBe(200);
		const entry = (await response.json()) as Record<string, any>;
		expect(entry).toMatchObject({ file_name: 'Rechnung März.pdf', media_id: expect.any(String), cdn_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/cdn\/flow-media\//) });
		expect(Object.keys(entry.encryption_metadata).sort()).toEqual(['encrypted_hash', 'encryption_key', 'hmac_key', 'iv', 'plaintext_hash']);
		const served = Buffer.from(await (await fetch(entry.cdn_url)).arrayBuffer());
		expect(served.subarray(0, 64).equals(plaintext.subarray(0, 64))).toBe(false);
		expect(decryptFlowMedia(served, entry.encryption_metadata).equals(plaintext)).toBe(true);
	});

	it('gives every upload its own keys and media id', async () => {
		const [first, second] = await Promise.all([upload(Buffer.from('same')), upload(Buffer.from('same'))].map(async (pending) => (await (await pending).json()) as Record<string, any>));
		expect(first.media_id).not.toBe(second.media_id);
		expect(first.encryption_metadata.encryption_key).not.toBe(second.encryption_metadata.encryption_key);
		expect(first.encryption_metadata.plaintext_hash).toBe(second.encryption_metadata.plaintext_hash);
		expect(first.file_name).toBe('file');
	});

	it('refuses an empty file with a reason', async () => {
		const response = await upload(Buffer.alloc(0), 'empty.pdf');
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: 'send the file bytes as the body' });
	});
});
