/**
 * The fast path for the respond node: the AES key the trigger decrypted, held in this process
 * for a short while, found by the encrypted key (which the item carries: it is no secret, only
 * the private key opens it). Never in execution data. An entry is used once (one answer per
 * request) or expires. When the respond node runs elsewhere (a queue-mode worker) or after the
 * entry expired, it re-derives the key from the encrypted key with the same credential instead.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

const entries = new Map<string, { aesKey: Buffer; expiresAt: number }>();

export function rememberAesKey(encryptedAesKey: string, aesKey: Buffer, nowMs = Date.now()): void {
	// Entries are inserted in time order, so expired ones are at the front.
	for (const [key, entry] of entries) {
		if (entry.expiresAt > nowMs && entries.size < MAX_ENTRIES) break;
		entries.delete(key);
	}
	entries.set(encryptedAesKey, { aesKey, expiresAt: nowMs + TTL_MS });
}

/** The key for this request, once: the entry is removed, so the key lives no longer than needed. */
export function recallAesKey(encryptedAesKey: string, nowMs = Date.now()): Buffer | undefined {
	const entry = entries.get(encryptedAesKey);
	entries.delete(encryptedAesKey);
	if (!entry || entry.expiresAt <= nowMs) return undefined;
	return entry.aesKey;
}

export function forgetAesKeys(): void {
	entries.clear();
}
