import type { WaitSettings } from '../../../shared/conversation';

const UNIT_MS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/**
 * Wait for Reply's settings, read the same way by the execution that starts the wait and by the
 * webhook call that resumes it (which has no item index).
 */
export function readWaitSettings(get: (name: string, fallback: unknown) => unknown, keepRunningDefault = 0): WaitSettings {
	const amount = Number(get('timeout', 0));
	const unit = String(get('timeoutUnit', 'minutes'));
	const list = (value: unknown) =>
		(Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,]+/)).map((s) => s.trim()).filter(Boolean);
	const mode = String(get('whenNotAccepted', 'branch'));
	const keepRunning = Number(get('keepRunningSeconds', keepRunningDefault));
	return {
		timeoutMs: amount > 0 ? amount * (UNIT_MS[unit] ?? UNIT_MS.minutes) : 0,
		accept: { types: list(get('acceptTypes', [])), replyIds: list(get('acceptReplyIds', '')) },
		whenNotAccepted: mode === 'passThrough' || mode === 'keepWaiting' ? mode : 'branch',
		maxRetries: Math.max(0, Math.floor(Number(get('maxRetries', 3)))),
		keepRunningMs: Number.isFinite(keepRunning) && keepRunning > 0 ? keepRunning * 1000 : 0,
	};
}

/** Version 2 of the node keeps a waiting execution running this long by default (version 1: 0). */
export const KEEP_RUNNING_DEFAULT_SECONDS = 30;
