import { constants, createCipheriv, createDecipheriv, privateDecrypt, type KeyObject } from 'node:crypto';

/**
 * The data-exchange endpoint's encryption, as Meta's endpoint guide specifies it: the client encrypts a fresh AES-128
 * key with the business's RSA public key (OAEP, SHA-256 for hash and MGF1), the payload with
 * AES-128-GCM under a 16-byte IV with the tag appended; the answer uses the same key and the
 * bitwise-flipped IV.
 */

const TAG_BYTES = 16;
const AES_KEY_BYTES = 16;
const IV_BYTES = 16;

/** Thrown when the key or the payload cannot be decrypted: the endpoint answers 421. */
export class DecryptionError extends Error {}

export function decryptAesKey(privateKey: KeyObject, encryptedAesKey: Buffer): Buffer {
	let aesKey: Buffer | undefined;
	try {
		aesKey = privateDecrypt(
			{ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
			encryptedAesKey,
		);
	} catch {
		aesKey = undefined; // OAEP failed: wrong key pair or a damaged ciphertext
	}
	if (!aesKey) throw new DecryptionError('encrypted_aes_key could not be decrypted with the private key');
	if (aesKey.length !== AES_KEY_BYTES) {
		throw new DecryptionError(`encrypted_aes_key holds ${aesKey.length} bytes, expected a 16-byte AES key`);
	}
	return aesKey;
}

export function decryptFlowData(aesKey: Buffer, iv: Buffer, encryptedFlowData: Buffer): Buffer {
	if (iv.length !== IV_BYTES) throw new DecryptionError(`initial_vector has ${iv.length} bytes, expected 16`);
	if (encryptedFlowData.length < TAG_BYTES) throw new DecryptionError('encrypted_flow_data is shorter than its tag');
	const body = encryptedFlowData.subarray(0, encryptedFlowData.length - TAG_BYTES);
	const tag = encryptedFlowData.subarray(encryptedFlowData.length - TAG_BYTES);
	let plaintext: Buffer | undefined;
	try {
		const decipher = createDecipheriv('aes-128-gcm', aesKey, iv, { authTagLength: TAG_BYTES });
		decipher.setAuthTag(tag);
		plaintext = Buffer.concat([decipher.update(body), decipher.final()]);
	} catch {
		plaintext = undefined; // the tag did not verify: key, IV, ciphertext or tag changed
	}
	if (!plaintext) throw new DecryptionError('encrypted_flow_data failed authentication (AES-GCM tag mismatch)');
	return plaintext;
}

export function flipIv(iv: Buffer): Buffer {
	const flipped = Buffer.allocUnsafe(iv.length);
	for (let index = 0; index < iv.length; index++) flipped[index] = ~iv[index] & 0xff;
	return flipped;
}

/** Encrypts the answer: base64(ciphertext ‖ tag) under the request's key and flipped IV. */
export function encryptResponse(aesKey: Buffer, requestIv: Buffer, payload: unknown): string {
	const cipher = createCipheriv('aes-128-gcm', aesKey, flipIv(requestIv), { authTagLength: TAG_BYTES });
	const plaintext = Buffer.from(JSON.stringify(payload), 'utf8');
	return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]).toString('base64');
}
