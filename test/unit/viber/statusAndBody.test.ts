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

	it('names Viber\'s status codes and retries only 12', () => {
		expect(viberStatusName(2)).toBe('invalidAuthToken');
		expect(viberStatusName(6)).toBe('receiverNotSubscribed');
		expect(viberStatusName(12)).toBe('tooManyRequests');
		expect(viberStatusName(20)).toBe('broadcastNotAllowed');
		expect(viberStatusName(999)).toBe('generalError');
		expect([...RETRYABLE_VIBER_STATUSES]).toEqual([12]);
	});
});
