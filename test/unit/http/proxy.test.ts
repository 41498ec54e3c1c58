import { nodeSupportsProxyEnv, proxySetting } from '../../../nodes/shared/http/proxy';

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

describe('nodeSupportsProxyEnv', () => {
	it('is true from Node 24.5 on, where agents take proxyEnv', () => {
		expect(['24.4.1', '22.20.0', '20.19.0'].map((version) => nodeSupportsProxyEnv(version))).toEqual([false, false, false]);
		expect(['24.5.0', '24.21.0', '25.0.0'].map((version) => nodeSupportsProxyEnv(version))).toEqual([true, true, true]);
	});

	it('tells whether a proxy is set at all', () => {
		expect(proxySetting({ NO_PROXY: 'x' }).proxied).toBe(false);
		expect(proxySetting({ https_proxy: 'http://p:1' }).proxied).toBe(true);
		expect(proxySetting({ HTTP_PROXY: 'http://p:1' }).proxied).toBe(true);
	});
});
