import { classifyFailure, waitHintMs } from '../../../nodes/shared/graph';

describe('classifyFailure', () => {
	it.each([
		[4, 'rateLimit'], [613, 'rateLimit'], [80007, 'rateLimit'], [130429, 'throughput'], [131056, 'pairRate'],
		[131057, 'maintenance'], [1, 'transient'], [2, 'transient'], [131000, 'transient'], [131016, 'transient'],
	])('retries Graph error %i as %s, even for a send', (code, retryClass) => {
		expect(classifyFailure({ code, http_status: 400 }, false)).toBe(retryClass);
	});

	it.each([131048, 131049, 131047, 131026, 131050, 132000, 132001, 132016, 132068, 132069, 131030, 131052, 131053, 190, 10, 200, 299, 368, 131031, 100])(
		'never retries Graph error %i',
		(code) => {
			expect(classifyFailure({ code, http_status: 400 }, false)).toBeUndefined();
			expect(classifyFailure({ code, http_status: 400 }, true)).toBeUndefined();
		},
	);

	it('never repeats a send that may have been delivered', () => {
		expect(classifyFailure({ network_code: 'ETIMEDOUT' }, false)).toBeUndefined();
		expect(classifyFailure({ network_code: 'ECONNRESET' }, false)).toBeUndefined();
		expect(classifyFailure({ http_status: 502 }, false)).toBeUndefined();
		expect(classifyFailure({ http_status: 500, code: 999 }, false)).toBeUndefined();
	});

	it('retries idempotent reads after timeouts and 5xx, and anything that never left', () => {
		expect(classifyFailure({ network_code: 'ETIMEDOUT' }, true)).toBe('transient');
		expect(classifyFailure({ http_status: 503 }, true)).toBe('transient');
		expect(classifyFailure({ network_code: 'ECONNREFUSED' }, false)).toBe('notSent');
		expect(classifyFailure({ http_status: 429 }, false)).toBe('rateLimit');
		expect(classifyFailure({ code: 12345, is_transient: true }, false)).toBe('transient');
	});
});

describe('waitHintMs', () => {
	it('reads Retry-After seconds and dates, and Meta usage headers', () => {
		expect(waitHintMs({ 'retry-after': '3' })).toBe(3_000);
		expect(waitHintMs({ 'retry-after': new Date(10_000).toUTCString() }, 4_000)).toBe(6_000);
		const usage = JSON.stringify({ '123': [{ type: 'whatsapp', call_count: 100, estimated_time_to_regain_access: 2 }] });
		expect(waitHintMs({ 'x-business-use-case-usage': usage })).toBe(120_000);
		expect(waitHintMs({})).toBeUndefined();
	});
});
