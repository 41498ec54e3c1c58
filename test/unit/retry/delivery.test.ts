import { errorCodeOf } from '../../../nodes/shared/http';
import { backoffDelay, certainlyNotSent, DEFAULT_RETRY_POLICY, networkRetryClass, retryAfterMs } from '../../../nodes/shared/retry';

describe('certainly not delivered: one set of rules for every platform', () => {
	it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_PROXY_TUNNEL'])('%s never reached the platform: retried, even for a send', (code) => {
		expect(certainlyNotSent(code)).toBe(true);
		expect(networkRetryClass(code, false)).toBe('notSent');
	});

	it.each(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'UNKNOWN'])('%s may have been delivered: retried only when repeating is harmless', (code) => {
		expect(certainlyNotSent(code)).toBe(false);
		expect(networkRetryClass(code, false)).toBeUndefined();
		expect(networkRetryClass(code, true)).toBe('transient');
	});

	it.each(['EGRESS_REFUSED', 'ECANCELED', 'E_RESPONSE_TOO_LARGE', 'E_TOO_MANY_REDIRECTS', 'EINVALIDURL'])('%s is final, even for a read', (code) => {
		expect(networkRetryClass(code, true)).toBeUndefined();
		expect(networkRetryClass(code, false)).toBeUndefined();
	});
});

describe('errorCodeOf', () => {
	it('finds the code in a cause chain and names axios timeouts and hang-ups', () => {
		const axiosLike = Object.assign(new Error('timeout of 10ms exceeded'), { code: 'ECONNABORTED' });
		expect(errorCodeOf(new Error('wrapped', { cause: axiosLike }))).toBe('ETIMEDOUT');
		expect(errorCodeOf({ message: 'x', cause: { cause: { code: 'ENOTFOUND' } } })).toBe('ENOTFOUND');
		expect(errorCodeOf(new Error('socket hang up'))).toBe('ECONNRESET');
		expect(errorCodeOf(new Error('nothing'))).toBeUndefined();
	});
});

describe('shared backoff', () => {
	it('grows exponentially with jitter between half and all of the ceiling, capped, longer for rate limits', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
		expect(backoffDelay('throughput', 1, policy, () => 0)).toBe(50);
		expect(backoffDelay('throughput', 3, policy, () => 1)).toBe(400);
		expect(backoffDelay('rateLimit', 1, policy, () => 1)).toBe(400);
		expect(backoffDelay('maintenance', 9, policy, () => 1)).toBe(1_000);
	});

	it('reads Retry-After as seconds or a date', () => {
		expect(retryAfterMs({ 'retry-after': '2' })).toBe(2_000);
		expect(retryAfterMs({ 'retry-after': ['1'] })).toBe(1_000);
		expect(retryAfterMs({ 'retry-after': new Date(9_000).toUTCString() }, 5_000)).toBe(4_000);
		expect(retryAfterMs({})).toBeUndefined();
	});
});
