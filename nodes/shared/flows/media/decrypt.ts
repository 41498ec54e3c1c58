import { createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A file a user attached with a PhotoPicker or DocumentPicker, as the data-exchange request
 * carries it: the file lies encrypted on WhatsApp's CDN, the keys come with the request.
 */
export interface EncryptedFlowFile {
	media_id: string;
	cdn_url: string;
	file_name?: string;
	encryption_metadata: {
		encrypted_hash: string;
		iv: string;
		encryption_key: string;
		hmac_key: string;
		plaintext_hash: string;
	};
}

/** Why a downloaded file was refused; the message names the check and never a key. */
export class FlowMediaError extends Error {}

const HMAC_BYTES = 10;

function bytesOf(value: unknown, name: string, length?: number): Buffer {
	const bytes = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
	if (bytes.length === 0 || (length !== undefined && bytes.length !== length)) {
		throw new FlowMediaError(`encryption_metadata.${name} is not ${length ? `${length} bytes of ` : ''}base64`);
	}
	return bytes;
}

/**
 * Meta's steps for a Flow's media file (media upload components, "Decrypting and validating
 * media"): the CDN file is ciphertext followed by the first 10 bytes of HMAC-SHA256(hmac_key,
 * iv ‖ ciphertext); SHA-256 of the CDN file must equal encrypted_hash; AES-256-CBC with PKCS#7
 * padding gives the file, whose SHA-256 must equal plaintext_hash. Checked in that order, so
 * nothing is decrypted that failed authentication.
 */
export function decryptFlowMedia(cdnFile: Buffer, metadata: EncryptedFlowFile['encryption_metadata']): Buffer {
	const encryptedHash = bytesOf(metadata?.encrypted_hash, 'encrypted_hash', 32);
	const plaintextHash = bytesOf(metadata?.plaintext_hash, 'plaintext_hash', 32);
	const iv = bytesOf(metadata?.iv, 'iv', 16);
	const key = bytesOf(metadata?.encryption_key, 'encryption_key', 32);
	const hmacKey = bytesOf(metadata?.hmac_key, 'hmac_key');

	if (!timingSafeEqual(createHash('sha256').update(cdnFile).digest(), encryptedHash)) {
		throw new FlowMediaError('the downloaded file does not match encrypted_hash (SHA-256)');
	}
	if (cdnFile.length < HMAC_BYTES + 16) throw new FlowMediaError('the downloaded file is too short to hold a ciphertext and its HMAC');
	const ciphertext = cdnFile.subarray(0, cdnFile.length - HMAC_BYTES);
	const expectedMac = createHmac('sha256', hmacKey).update(iv).update(ciphertext).digest().subarray(0, HMAC_BYTES);
	if (!timingSafeEqual(expectedMac, cdnFile.subarray(cdnFile.length - HMAC_BYTES))) {
		throw new FlowMediaError('the file\'s HMAC-SHA256 does not match: it was changed or the keys are wrong');
	}
	let plaintext: Buffer;
	try {
		const decipher = createDecipheriv('aes-256-cbc', key, iv);
		plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
	} catch {
		// A pure function without a node: the caller turns it into the item's error.
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		throw new FlowMediaError('the file cannot be decrypted (bad padding)');
	}
	if (!timingSafeEqual(createHash('sha256').update(plaintext).digest(), plaintextHash)) {
		throw new FlowMediaError('the decrypted file does not match plaintext_hash (SHA-256)');
	}
	return plaintext;
}
