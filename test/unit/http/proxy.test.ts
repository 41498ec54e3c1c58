import { proxySetting } from '../../../nodes/shared/http/proxy';

describe('proxySetting', () => {
	it('snapshots only the proxy variables, and keys pools by them', () => {
		const a = proxySetting({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost', HOME: '/root' });
		expect(a.env).toEqual({ https_proxy: undefined, HTTPS_PROXY: 'http://proxy:3128', http_proxy: undefined, HTTP_PROXY: undefined, no_proxy: undefined, NO_PROXY: 'localhost' });
		expect(Object.isFrozen(a.env)).toBe(true);
		expect(proxySetting({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost', HOME: '/other' }).key).toBe(a.key);
		expect(proxySetting({ HTTPS_PROXY: 'http://proxy:3128' }).key).not.toBe(a.key);
		expect(proxySetting({}).key).not.toBe(a.key);
	});
});
