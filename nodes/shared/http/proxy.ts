/**
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY for this package's connections, through Node's built-in
 * proxy support: `new https.Agent({ proxyEnv })` (Node ≥ 24.5; Node 24 is what n8n 2.x runs on).
 *
 * Verified in Node 24.21 (lib/_http_agent.js, lib/https.js, lib/internal/http.js): an agent
 * given `proxyEnv` parses https_proxy/HTTPS_PROXY (for https targets; lower case wins),
 * http_proxy/HTTP_PROXY (for http targets) and no_proxy/NO_PROXY (entries: `*`, host,
 * host:port, `.suffix`, `*.suffix`, IPv4 ranges `a-b`). HTTPS goes through a CONNECT tunnel,
 * HTTP as absolute-form requests; only http:// and https:// proxy URLs are used; credentials in
 * the proxy URL become a Proxy-Authorization header. The proxy connection itself uses plain
 * DNS (not the agent's lookup), and the tunnelled socket is pooled and kept alive like any other.
 * `NODE_USE_ENV_PROXY=1` only changes Node's global agents, which this layer does not use.
 *
 * n8n's own request helper reads the same variables (with the proxy-from-env package), so one
 * environment setting governs n8n's requests and these.
 */
export interface ProxySetting {
	/** Part of the pool key: a changed environment gets new pools instead of changing old ones. */
	key: string;
	/** A snapshot for the agent (the proxy variables only). */
	env: Readonly<Record<string, string | undefined>>;
	/** Whether a proxy is set at all. */
	proxied: boolean;
}

/**
 * `proxyEnv` arrived in Node 24.5; n8n 2.x runs on any Node 24. An older Node ignores the option
 * silently, so with a proxy set the layer must not use its own agents there (it falls back).
 */
export function nodeSupportsProxyEnv(version: string = process.versions.node): boolean {
	const [major, minor] = version.split('.').map(Number);
	return major > 24 || (major === 24 && minor >= 5);
}

const NAMES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY'] as const;

export function proxySetting(env: NodeJS.ProcessEnv = process.env): ProxySetting {
	const snapshot: Record<string, string | undefined> = {};
	for (const name of NAMES) snapshot[name] = env[name];
	const proxied = Boolean(snapshot.https_proxy || snapshot.HTTPS_PROXY || snapshot.http_proxy || snapshot.HTTP_PROXY);
	return { key: NAMES.map((name) => snapshot[name] ?? '').join('\n'), env: Object.freeze(snapshot), proxied };
}
