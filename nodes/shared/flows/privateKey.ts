import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';

/**
 * Parses the endpoint's RSA private key once per credential and keeps the KeyObject.
 * Parsing an encrypted PEM costs more than the RSA decryption itself (≈570 µs against ≈340 µs),
 * so every request after the first reuses the parsed key. The cache key is a SHA-256 of
 * PEM + passphrase: the PEM itself never becomes a map key that could show up in a heap dump
 * label or a log line.
 */
const parsedKeys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 32;

export class PrivateKeyError extends Error {}

/** Accepts a PEM pasted with literal `\n` sequences (a common copy/paste result) as well. */
export function normalisePem(pem: string): string {
	const text = pem.includes('\\n') && !pem.includes('\n') ? pem.replace(/\\n/g, '\n') : pem;
	return text.trim();
}

export function loadPrivateKey(pem: string, passphrase = ''): KeyObject {
	const normalised = normalisePem(pem);
	const cacheKey = createHash('sha256').update(normalised).update('\0').update(passphrase).digest('hex');
	const cached = parsedKeys.get(cacheKey);
	if (cached) return cached;
	const key = parsePrivateKey(normalised, passphrase);
	if (parsedKeys.size >= MAX_CACHED_KEYS) parsedKeys.delete(parsedKeys.keys().next().value as string);
	parsedKeys.set(cacheKey, key);
	return key;
}

function parsePrivateKey(pem: string, passphrase: string): KeyObject {
	if (pem === '') throw new PrivateKeyError('Private Key is empty: paste the PEM of the RSA private key');
	if (!pem.includes('-----BEGIN')) {
		throw new PrivateKeyError('Private Key is not a PEM: it must start with "-----BEGIN … PRIVATE KEY-----"');
	}
	const encrypted = /ENCRYPTED/.test(pem);
	if (encrypted && passphrase === '') {
		throw new PrivateKeyError('Private Key is encrypted: enter its Passphrase');
	}
	let key: KeyObject | undefined;
	let reason = '';
	try {
		key = createPrivateKey({ key: pem, format: 'pem', passphrase: encrypted ? passphrase : undefined });
	} catch (error) {
		reason = (error as Error).message ?? String(error);
	}
	if (!key) {
		if (encrypted && /decrypt|bad password|passphrase/i.test(reason)) {
			throw new PrivateKeyError('Private Key could not be decrypted: the Passphrase is wrong');
		}
		// A wrong passphrase yields random plaintext whose CBC padding still looks valid about once
		// in 256 tries; OpenSSL then fails one step later, decoding that plaintext as a key
		// ("DECODER routines::unsupported"). The passphrase is by far the likelier culprit.
		if (encrypted && /DECODER|asn1|unsupported/i.test(reason)) {
			throw new PrivateKeyError('Private Key could not be decrypted: the Passphrase is wrong (or the PEM is damaged)');
		}
		throw new PrivateKeyError(`Private Key could not be parsed: ${reason.replace(/-----[^-]+-----/g, '')}`);
	}
	if (key.asymmetricKeyType !== 'rsa') {
		throw new PrivateKeyError(`Private Key is a ${String(key.asymmetricKeyType)} key: WhatsApp Flows needs an RSA key`);
	}
	const bits = key.asymmetricKeyDetails?.modulusLength;
	if (bits !== 2048) {
		throw new PrivateKeyError(`Private Key is RSA-${String(bits)}: WhatsApp Flows needs a 2048-bit RSA key`);
	}
	return key;
}
