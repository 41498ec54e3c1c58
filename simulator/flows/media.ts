import { createCipheriv, createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';

/**
 * What WhatsApp does with a file a user attaches to a Flow (PhotoPicker, DocumentPicker),
 * written independently of nodes/shared/flows (it must not import it): AES-256-CBC with PKCS#7
 * padding under fresh keys, the first 10 bytes of HMAC-SHA256(hmac_key, iv ‖ ciphertext)
 * appended, SHA-256 of that (encrypted_hash) and of the file (plaintext_hash), all base64.
 */
export interface FlowMediaUpload {
	/** What the CDN serves. */
	cdnFile: Buffer;
	/** The picker's value in the request, without its cdn_url. */
	entry: {
		media_id: string;
		file_name: string;
		encryption_metadata: { encrypted_hash: string; iv: string; encryption_key: string; hmac_key: string; plaintext_hash: string };
	};
}

export function encryptFlowMedia(plaintext: Buffer, fileName: string): FlowMediaUpload {
	const key = randomBytes(32);
	const hmacKey = randomBytes(32);
	const iv = randomBytes(16);
	const cipher = createCipheriv('aes-256-cbc', key, iv);
	const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
	const mac = createHmac('sha256', hmacKey).update(Buffer.concat([iv, ciphertext])).digest().subarray(0, 10);
	const cdnFile = Buffer.concat([ciphertext, mac]);
	const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');
	return {
		cdnFile,
		entry: {
			media_id: randomUUID(),
			file_name: fileName,
			encryption_metadata: {
				encrypted_hash: sha256(cdnFile),
				iv: iv.toString('base64'),
				encryption_key: key.toString('base64'),
				hmac_key: hmacKey.toString('base64'),
				plaintext_hash: sha256(plaintext),
			},
		},
	};
}
