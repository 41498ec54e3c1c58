import { backoffDelay, certainlyNotSent } from '../../../nodes/shared/viber/retry';
import { parseViberBody, RETRYABLE_VIBER_STATUSES, viberStatusName } from '../../../nodes/shared/viber';

describe('Viber answers', () => {
	it('keeps the 64-bit message_token exact from raw bytes', () => {
		const raw = Buffer.from('{"status":0,"status_message":"ok","message_token":5741311803571721087,"chat_hostname":"SN-CHAT-01_"}');
		const parsed = parseViberBody(raw);
		expect(parsed.message_token).toBe('5741311803571721087');
		// What JSON.parse alone would have produced: a different number.
		expect(String(JSON.parse(raw.toString()).message_token)).not.toBe('5741311803571721087');
	});

	it('reads string and already parsed answers, and flags non-JSON', () => {
		expect(parseViberBody('{"status":3,"status_message":"badData"}')).toEqual({ status: 3, status_message: 'badData' });
		expect(parseViberBody({ status: 0, message_token: 12 }).message_token).toBe('12');
		expect(parseViberBody('<html>bad gateway</html>').status).toBe(-1);
	});

	it('names the status codes of channels.md §4 and retries only 12', () => {
		expect(viberStatusName(2)).toBe('invalidAuthToken');
		expect(viberStatusName(6)).toBe('receiverNotSubscribed');
		expect(viberStatusName(12)).toBe('tooManyRequests');
		expect(viberStatusName(20)).toBe('broadcastNotAllowed');
		expect(viberStatusName(999)).toBe('generalError');
		expect([...RETRYABLE_VIBER_STATUSES]).toEqual([12]);
	});
});

describe('retry decisions', () => {
	it('backs off exponentially within ±25 % and caps at maxDelayMs', () => {
		const policy = { maxRetries: 5, initialDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(policy, 0, () => 0.5)).toBe(100);
		expect(backoffDelay(policy, 2, () => 0.5)).toBe(400);
		expect(backoffDelay(policy, 2, () => 0)).toBe(300);
		expect(backoffDelay(policy, 2, () => 1)).toBe(500);
		expect(backoffDelay(policy, 10, () => 0.5)).toBe(1000);
	});

	it('treats refused connections as not sent, resets and timeouts as maybe delivered', () => {
		const wrapped = (code: string) => ({ message: 'x', cause: { code } });
		expect(certainlyNotSent(wrapped('ECONNREFUSED'))).toBe(true);
		expect(certainlyNotSent({ cause: { cause: { code: 'ENOTFOUND' } } })).toBe(true);
		expect(certainlyNotSent(wrapped('ECONNRESET'))).toBe(false);
		expect(certainlyNotSent(wrapped('ETIMEDOUT'))).toBe(false);
		expect(certainlyNotSent(new Error('boom'))).toBe(false);
	});
});
