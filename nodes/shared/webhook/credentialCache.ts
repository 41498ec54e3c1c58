import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

/** How long a webhook reuses a credential it has read; a rejected request re-reads it at once. */
export const WEBHOOK_CREDENTIAL_TTL_MS = 30_000;
/** A flood of bad requests must not turn into a flood of credential reads. */
const MIN_RELOAD_INTERVAL_MS = 1_000;

interface Entry {
	data: Promise<ICredentialDataDecryptedObject>;
	loadedAt: number;
	/** Set on an entry that a rejected request loaded. */
	forced: boolean;
}

const cache = new Map<string, Entry>();

export interface WebhookCredential {
	data: ICredentialDataDecryptedObject;
	/** Re-reads the credential if the cached copy may be stale; `undefined` when it is fresh already. */
	reload(): Promise<ICredentialDataDecryptedObject | undefined>;
}

/**
 * A webhook trigger's credential, read at most once per WEBHOOK_CREDENTIAL_TTL_MS per process.
 *
 * Why: outside a workflow run n8n reads a credential from the database, decrypts it and builds
 * a fresh expression isolate for it, on every call; for a Flows endpoint or a busy inbound
 * trigger that is one more isolate per request than n8n's own Webhook node pays
 * (`npm run bench -- flows`).
 *
 * Rotation stays immediate where it matters: a handler that rejects a request (bad signature,
 * undecryptable key, invalid token) calls `reload()` and tries again with the stored credential
 * (`checkWithWebhookCredential` does both),
 * so a new secret or key works from its first request. A secret that was removed stops being
 * accepted within the TTL. The copy lives in process memory only, like the parsed private key.
 */
export async function webhookCredential(ctx: Pick<IWebhookFunctions, 'getCredentials' | 'getNode'>, type: string): Promise<WebhookCredential> {
	const id = ctx.getNode().credentials?.[type]?.id;
	if (!id) {
		const data = await ctx.getCredentials(type);
		return { data, reload: async () => undefined };
	}
	const key = `${type}\u0000${id}`;
	const load = (forced: boolean): Entry => {
		const entry: Entry = { data: ctx.getCredentials(type), loadedAt: Date.now(), forced };
		cache.set(key, entry);
		entry.data.catch(() => {
			if (cache.get(key) === entry) cache.delete(key);
		});
		return entry;
	};
	let entry = cache.get(key);
	if (!entry || Date.now() - entry.loadedAt > WEBHOOK_CREDENTIAL_TTL_MS) entry = load(false);
	const used = entry;
	return {
		data: await used.data,
		reload: async () => {
			const current = cache.get(key);
			if (current && current !== used) return await current.data;
			// The first rejection always re-reads; after that, at most once per interval.
			if (used.forced && Date.now() - used.loadedAt < MIN_RELOAD_INTERVAL_MS) return undefined;
			return await load(true).data;
		},
	};
}

/**
 * `check` with the cached credential; when `rejected` says the request was refused for a reason a
 * rotation could explain, once more with the credential re-read (see `reload`). The result, and
 * the credential it was reached with.
 */
export async function checkWithWebhookCredential<R>(
	ctx: Pick<IWebhookFunctions, 'getCredentials' | 'getNode'>,
	type: string,
	check: (data: ICredentialDataDecryptedObject) => R,
	rejected: (result: R) => boolean,
): Promise<{ result: R; data: ICredentialDataDecryptedObject }> {
	const credential = await webhookCredential(ctx, type);
	let data = credential.data;
	let result = check(data);
	if (rejected(result)) {
		const fresh = await credential.reload();
		if (fresh) {
			data = fresh;
			result = check(data);
		}
	}
	return { result, data };
}

/** Tests: forget every cached credential. */
export function clearWebhookCredentials(): void {
	cache.clear();
}
