import { createFlowToken, verifyFlowToken } from '../../../nodes/shared/flows';

const SECRET = 'token-secret-0123456789abcdefghijklmnop';
const NOW = Date.UTC(2026, 0, 1);

describe('flow tokens', () => {
	it('round-trips a small JSON context and stays compact', () => {
		const token = createFlowToken(SECRET, { contact: '4915112345678', journey: 'booking', step: 2 }, 3600, NOW);
		expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
		expect(token.length).toBeLessThan(140);
		expect(verifyFlowToken(SECRET, token, NOW + 3_599_000)).toEqual({
			status: 'ok',
			context: { contact: '4915112345678', journey: 'booking', step: 2 },
			expiresAt: '2026-01-01T01:00:00.000Z',
		});
	});

	it('expires at exp and still reports the context of an expired token', () => {
		const token = createFlowToken(SECRET, { a: 1 }, 10, NOW);
		expect(verifyFlowToken(SECRET, token, NOW + 10_000)).toMatchObject({ status: 'expired', context: { a: 1 } });
	});

	it('detects forgery: other secret, changed payload, changed signature', () => {
		const token = createFlowToken(SECRET, { a: 1 }, 10, NOW);
		const [payload, mac] = token.split('.');
		expect(verifyFlowToken('another-secret-0123456789abcdef', token, NOW).status).toBe('forged');
		const changed = Buffer.from(JSON.stringify({ c: { a: 2 }, e: NOW / 1000 + 10 })).toString('base64url');
		expect(verifyFlowToken(SECRET, `${changed}.${mac}`, NOW).status).toBe('forged');
		const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
		expect(verifyFlowToken(SECRET, `${payload}.${flipped}`, NOW).status).toBe('forged');
	});

	it.each([undefined, 123, '', 'unused', 'a.b.c', '.abc'])('reports %p as malformed or forged, never throws', (value) => {
		expect(['malformed', 'forged']).toContain(verifyFlowToken(SECRET, value, NOW).status);
	});

	it('refuses short secrets and non-positive lifetimes with clear messages', () => {
		expect(() => createFlowToken('short', {}, 10)).toThrow(/at least 16 characters/);
		expect(() => createFlowToken(SECRET, {}, 0)).toThrow(/Expires In/);
	});
});
