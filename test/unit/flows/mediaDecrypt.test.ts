/**
 * Meta's checks for a Flow's media file, against files encrypted by the simulator's independent
 * implementation (simulator/flows/media.ts): real AES-256-CBC, HMAC-SHA256 and SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';

import { decryptFlowMedia, findUploadedFiles, FlowMediaError } from '../../../nodes/shared/flows/media';
import { encryptFlowMedia } from '../../../simulator/flows/media';

describe('decryptFlowMedia', () => {
	const plaintext = randomBytes(70_001);
	const { cdnFile, entry } = encryptFlowMedia(plaintext, 'receipt.pdf');
	const metadata = entry.encryption_metadata;

	it('verifies and decrypts a file as WhatsApp encrypts it', () => {
		expect(decryptFlowMedia(cdnFile, metadata).equals(plaintext)).toBe(true);
	});

	it('decrypts an empty file and one of exactly one block', () => {
		for (const size of [0, 16]) {
			const upload = encryptFlowMedia(randomBytes(size), 'x.bin');
			expect(decryptFlowMedia(upload.cdnFile, upload.entry.encryption_metadata)).toHaveLength(size);
		}
	});

	it.each([
		['a changed byte of the downloaded file', () => [flip(cdnFile, 5), metadata], /encrypted_hash/],
		['a changed byte with a matching encrypted hash (forged HMAC)', () => {
			const forged = flip(cdnFile, 5);
			return [forged, { ...metadata, encrypted_hash: sha256(forged) }];
		}, /HMAC-SHA256 does not match/],
		['the wrong HMAC key', () => [cdnFile, { ...metadata, hmac_key: randomBytes(32).toString('base64') }], /HMAC-SHA256 does not match/],
		['a wrong plaintext hash', () => [cdnFile, { ...metadata, plaintext_hash: randomBytes(32).toString('base64') }], /plaintext_hash/],
		['a wrong encryption key (padding breaks or the hash fails)', () => [cdnFile, { ...metadata, encryption_key: randomBytes(32).toString('base64') }], /bad padding|plaintext_hash/],
		['a key of the wrong length', () => [cdnFile, { ...metadata, encryption_key: randomBytes(16).toString('base64') }], /encryption_key is not 32 bytes/],
		['missing metadata', () => [cdnFile, undefined], /encrypted_hash is not 32 bytes/],
	])('refuses %s with a FlowMediaError that names the check', (_label, make, message) => {
		const [file, meta] = make() as [Buffer, typeof metadata];
		let thrown: unknown;
		try {
			decryptFlowMedia(file, meta);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(FlowMediaError);
		expect((thrown as Error).message).toMatch(message);
		// never a key in the message
		for (const secret of [metadata.encryption_key, metadata.hmac_key]) expect((thrown as Error).message).not.toContain(secret);
	});
});

describe('findUploadedFiles', () => {
	const { entry } = encryptFlowMedia(Buffer.from('x'), 'a.jpg');
	it('finds pickers\' values among a payload\'s top-level fields, of both shapes', () => {
		const cloud = { id: '3631120727156756', sha256: 'PqHg', mime_type: 'image/jpeg', file_name: 'IMG.jpg' };
		const found = findUploadedFiles({ name: 'Ana', tags: ['a', 'b'], empty: [], photo: [{ ...entry, cdn_url: 'https://cdn/x' }], scans: [cloud], nested: { photo: [entry] } });
		expect(found.map(({ field, files }) => [field, files.map((file) => file.kind)])).toEqual([['photo', ['encrypted']], ['scans', ['cloud']]]);
	});
	it('finds nothing in a payload without files', () => {
		expect(findUploadedFiles({ name: 'Ana', choice: '0_Yes' })).toEqual([]);
		expect(findUploadedFiles(undefined)).toEqual([]);
	});
});

function flip(bytes: Buffer, index: number): Buffer {
	const copy = Buffer.from(bytes);
	copy[index] ^= 0x01;
	return copy;
}

function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('base64');
}
