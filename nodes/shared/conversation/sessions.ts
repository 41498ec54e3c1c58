/**
 * Per-contact sessions: variables and the current step, kept across executions with an idle TTL
 * (every write starts the TTL again). Writes are read-modify-write through `AtomicStore.update`
 * (compare-and-set, retried), so two executions changing one contact's session at the same moment
 * both land: neither update is lost.
 *
 * Expiry is reported, not silent: the record is kept for `EXPIRED_KEPT_MS` after its TTL, and
 * reading it then answers `expired: true` with the step it expired in, until the flow writes a
 * new session. That is how a flow reacts to a session timeout when the contact comes back.
 */
import type { IDataObject } from 'n8n-workflow';

import type { AtomicStore } from '../store/atomic';
import type { ContactRef } from './contact';
import { linkAliases, locateContact, moveRecord, readFirst } from './contactRecords';

export interface SessionState {
	variables: IDataObject;
	step: string;
	/** Epoch ms of the last write. */
	updatedAt: number;
	/** Epoch ms after which the session has expired; absent: never. */
	expiresAt?: number;
}

/** What a flow sees when it reads a session. */
export interface SessionView extends IDataObject {
	variables: IDataObject;
	step: string;
	/** True when the session existed and its TTL ran out (variables and step are then empty). */
	expired: boolean;
	/** The step the session was in when it expired. */
	expiredStep?: string;
	/** The variables the session had when it expired. */
	expiredVariables?: IDataObject;
	updatedAt?: string;
	expiresAt?: string;
}

/** How long an expired session is kept to report `expired: true` (then it is simply gone). */
export const EXPIRED_KEPT_MS = 7 * 24 * 3600_000;

const PREFIX = 'session:';

export async function getSession(store: AtomicStore, contact: ContactRef, now = Date.now()): Promise<SessionView> {
	const found = await readFirst(store, PREFIX, await locateContact(store, contact));
	const state = parseSession(found?.value);
	if (!state) return { variables: {}, step: '', expired: false };
	if (state.expiresAt !== undefined && state.expiresAt <= now) {
		return { variables: {}, step: '', expired: true, expiredStep: state.step, expiredVariables: state.variables };
	}
	return view(state);
}

/**
 * Changes the contact's session atomically; an expired session starts empty. A session still kept
 * under an older key of the person (their phone number) is moved to the primary key by this write.
 */
export async function updateSession(
	store: AtomicStore,
	contact: ContactRef,
	change: (state: SessionState) => SessionState,
	ttlMs: number | undefined,
	now: () => number = Date.now,
): Promise<SessionView> {
	const location = await locateContact(store, contact);
	const found = await readFirst(store, PREFIX, location);
	const older = found && found.at !== location.primary ? found : undefined;
	let written: SessionState | undefined;
	await store.update(
		`${PREFIX}${location.primary}`,
		(raw) => {
			const at = now();
			const current = parseSession(raw ?? older?.value);
			const live = current && !(current.expiresAt !== undefined && current.expiresAt <= at) ? current : undefined;
			const next = change(live ?? { variables: {}, step: '', updatedAt: at });
			written = { ...next, updatedAt: at, expiresAt: ttlMs ? at + ttlMs : undefined };
			return JSON.stringify(written);
		},
		ttlMs ? ttlMs + EXPIRED_KEPT_MS : undefined,
	);
	if (older) await store.deleteIfEquals(`${PREFIX}${older.at}`, older.value);
	await linkAliases(store, contact, location);
	return view(written!);
}

/** Moves a session to the person's new identity, keeping its expiry. */
export async function moveSession(store: AtomicStore, from: ContactRef, to: ContactRef, now = Date.now()): Promise<boolean> {
	return await moveRecord(store, PREFIX, from, to, (raw) => {
		const expiresAt = parseSession(raw)?.expiresAt;
		return expiresAt === undefined ? undefined : expiresAt + EXPIRED_KEPT_MS - now;
	});
}

/** Sets the given variables (other variables are kept). */
export async function setVariables(store: AtomicStore, contact: ContactRef, values: IDataObject, ttlMs?: number): Promise<SessionView> {
	return await updateSession(store, contact, (s) => ({ ...s, variables: { ...s.variables, ...values } }), ttlMs);
}

/** Deep-merges `values` into the variables (objects merged key by key, arrays and scalars replaced). */
export async function mergeVariables(store: AtomicStore, contact: ContactRef, values: IDataObject, ttlMs?: number): Promise<SessionView> {
	return await updateSession(store, contact, (s) => ({ ...s, variables: deepMerge(s.variables, values) }), ttlMs);
}

/** Removes the given variables, or all of them and the step when `names` is empty. */
export async function clearSession(store: AtomicStore, contact: ContactRef, names: string[] = []): Promise<SessionView> {
	const location = await locateContact(store, contact);
	if (names.length === 0) {
		await Promise.all([location.primary, ...location.fallbacks].map((key) => store.delete(`${PREFIX}${key}`)));
		return { variables: {}, step: '', expired: false };
	}
	const existing = parseSession((await readFirst(store, PREFIX, location))?.value);
	const ttlMs = existing?.expiresAt !== undefined ? Math.max(1, existing.expiresAt - existing.updatedAt) : undefined;
	return await updateSession(
		store,
		contact,
		(s) => ({ ...s, variables: Object.fromEntries(Object.entries(s.variables).filter(([k]) => !names.includes(k))) }),
		ttlMs,
	);
}

export async function setStep(store: AtomicStore, contact: ContactRef, step: string, ttlMs?: number): Promise<SessionView> {
	return await updateSession(store, contact, (s) => ({ ...s, step }), ttlMs);
}

export function deepMerge(target: IDataObject, source: IDataObject): IDataObject {
	const out: IDataObject = { ...target };
	for (const [key, value] of Object.entries(source)) {
		const current = out[key];
		out[key] = isPlainObject(value) && isPlainObject(current) ? deepMerge(current, value) : value;
	}
	return out;
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function view(state: SessionState): SessionView {
	return {
		variables: state.variables,
		step: state.step,
		expired: false,
		updatedAt: new Date(state.updatedAt).toISOString(),
		...(state.expiresAt !== undefined ? { expiresAt: new Date(state.expiresAt).toISOString() } : {}),
	};
}

function parseSession(raw: string | undefined): SessionState | undefined {
	if (raw === undefined) return undefined;
	try {
		const value = JSON.parse(raw) as SessionState;
		if (!value || typeof value !== 'object' || !isPlainObject(value.variables)) return undefined;
		return { ...value, step: String(value.step ?? '') };
	} catch {
		return undefined;
	}
}
