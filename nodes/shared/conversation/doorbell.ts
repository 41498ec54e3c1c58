import { setTimeout as delay } from 'node:timers/promises';

/**
 * A wake-up that is never missed: a ring while nobody waits is kept for the next wait. `wait`
 * resolves true when rung, false when `ms` passed or `abort` fired first; its timer is cleared
 * either way, so a waiting execution leaves nothing behind.
 */
export class Doorbell {
	private rung = false;

	private wake: (() => void) | undefined;

	ring(): void {
		this.rung = true;
		this.wake?.();
	}

	async wait(ms: number, abort?: AbortSignal): Promise<boolean> {
		if (this.consume()) return true;
		if (ms <= 0 || abort?.aborted) return false;
		const timer = new AbortController();
		const stop = () => timer.abort();
		abort?.addEventListener('abort', stop, { once: true });
		try {
			await Promise.race([
				delay(ms, undefined, { signal: timer.signal }).catch(() => undefined),
				new Promise<void>((resolve) => (this.wake = resolve)),
			]);
		} finally {
			this.wake = undefined;
			timer.abort();
			abort?.removeEventListener('abort', stop);
		}
		return this.consume();
	}

	private consume(): boolean {
		const was = this.rung;
		this.rung = false;
		return was;
	}
}
