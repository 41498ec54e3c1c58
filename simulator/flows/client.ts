import {
	constants,
	createCipheriv,
	createDecipheriv,
	createHmac,
	generateKeyPairSync,
	publicEncrypt,
	randomBytes,
	type KeyObject,
} from 'node:crypto';

/**
 * The WhatsApp client's side of the Flows data-exchange endpoint, written independently of
 * nodes/shared/flows (it must not import it): a fresh AES-128 key per request, wrapped with the
 * business public key (RSA-OAEP, SHA-256), the payload in AES-128-GCM under a random 16-byte IV
 * with the tag appended, the body signed like Meta signs it. Used by unit tests, e2e tests and
 * the benchmark as "what WhatsApp sends".
 */

export interface EncryptedFlowRequest {
	/** The JSON body as sent on the wire. */
	body: string;
	headers: Record<string, string>;
	/** Kept by the client to read the answer; never sent. */
	aesKey: Buffer;
	iv: Buffer;
	envelope: { encrypted_flow_data: string; encrypted_aes_key: string; initial_vector: string };
}

export interface FlowsKeyPair {
	publicKeyPem: string;
	privateKeyPem: string;
	publicKey: KeyObject;
}

/** A real RSA-2048 key pair; `passphrase` gives an encrypted PKCS#8 PEM, as businesses usually keep. */
export function generateFlowsKeyPair(passphrase?: string): FlowsKeyPair {
	const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return {
		publicKey: pair.publicKey,
		publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
		privateKeyPem: pair.privateKey
			.export(
				passphrase
					? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }
					: { type: 'pkcs8', format: 'pem' },
			)
			.toString(),
	};
}

export function signBody(body: string | Buffer, appSecret: string): string {
	return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

export function encryptFlowRequest(
	publicKey: KeyObject | string,
	payload: unknown,
	appSecret?: string,
): EncryptedFlowRequest {
	const aesKey = randomBytes(16);
	const iv = randomBytes(16);
	const cipher = createCipheriv('aes-128-gcm', aesKey, iv);
	const data = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final(), cipher.getAuthTag()]);
	const wrappedKey = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, aesKey);
	const envelope = {
		encrypted_flow_data: data.toString('base64'),
		encrypted_aes_key: wrappedKey.toString('base64'),
		initial_vector: iv.toString('base64'),
	};
	const body = JSON.stringify(envelope);
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (appSecret !== undefined) headers['x-hub-signature-256'] = signBody(body, appSecret);
	return { body, headers, aesKey, iv, envelope };
}

/** Re-serialises a (possibly tampered) envelope and signs it again. */
export function resign(envelope: EncryptedFlowRequest['envelope'], appSecret: string): { body: string; headers: Record<string, string> } {
	const body = JSON.stringify(envelope);
	return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, appSecret) } };
}

/** Reads the endpoint's answer: base64(ciphertext ‖ tag) under the same key and the inverted IV. */
export function decryptFlowResponse(request: Pick<EncryptedFlowRequest, 'aesKey' | 'iv'>, base64Body: string): unknown {
	const bytes = Buffer.from(base64Body, 'base64');
	const invertedIv = Buffer.from(request.iv.map((byte) => 255 - byte));
	const decipher = createDecipheriv('aes-128-gcm', request.aesKey, invertedIv);
	decipher.setAuthTag(bytes.subarray(bytes.length - 16));
	const plain = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
	return JSON.parse(plain.toString('utf8'));
}
