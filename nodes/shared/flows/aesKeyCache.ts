import { createHash } from 'node:crypto';

/**
 * The fast path for the respond node: the AES key the trigger decrypted, held in this process
 * for a short while, found by a hash of the encrypted key (which the item carries). Never in
 * execution data. When the respond node runs elsewhere (a queue-mode worker) or after the entry
 * expired, it re-derives the key from the encrypted key with the same credential instead.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

const entries = new Map<string, { aesKey: Buffer; expiresAt: number }>();

function lookupKey(encryptedAesKey: string): string {
	return createHash('sha256').update(encryptedAesKey).digest('base64url');
}

export function rememberAesKey(encryptedAesKey: string, aesKey: Buffer, nowMs = Date.now()): void {
	// Entries are inserted in time order, so expired ones are at the front.
	for (const [key, entry] of entries) {
		if (entry.expiresAt > nowMs && entries.size < MAX_ENTRIES) break;
		entries.delete(key);
	}
	entries.set(lookupKey(encryptedAesKey), { aesKey, expiresAt: nowMs + TTL_MS });
}

export function recallAesKey(encryptedAesKey: string, nowMs = Date.now()): Buffer | undefined {
	const entry = entries.get(lookupKey(encryptedAesKey));
	if (!entry || entry.expiresAt <= nowMs) return undefined;
	return entry.aesKey;
}

export function forgetAesKeys(): void {
	entries.clear();
}
