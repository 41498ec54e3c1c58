import type { LookupFunction } from 'node:net';

import type { NodeEgressFilter } from 'n8n-workflow';

import { TransportFailure } from './failure';
import { nodeSupportsProxyEnv, type ProxySetting } from './proxy';
import type { HttpContext } from './types';

/**
 * n8n's outbound network rules (SSRF protection) applied to this package's own connections.
 *
 * Verified in n8n 2.40.7 (n8n-core request-helpers/factory.js, @n8n/backend-network
 * http/outbound-http.js and ssrf/ssrf-protection.service.js):
 * - `this.helpers.getSecureEgressFilter()` returns `OutboundHttp.egressFilter('safe')`: the
 *   instance's SsrfProtectionService when N8N_SSRF_PROTECTION_ENABLED=true, otherwise a
 *   pass-through filter (validateUrl always ok, createSecureLookup = node:dns lookup). The rules
 *   come from N8N_SSRF_BLOCKED_IP_RANGES (default: private, loopback, link-local and reserved
 *   ranges), N8N_SSRF_ALLOWED_IP_RANGES, N8N_SSRF_ALLOWED_HOSTNAMES and
 *   N8N_SSRF_BLOCKED_HOSTNAMES; allowed entries win over blocked ones.
 * - `validateUrl(url)` resolves the host (IP literals without DNS) and checks every address;
 *   it resolves to `{ ok: false, error }` with SsrfBlockedIpError ("The request was blocked
 *   because it resolves to a restricted IP address") or SsrfBlockedHostnameError.
 * - `createSecureLookup()` is a `dns.lookup` drop-in that fails with those errors when a
 *   resolved address is not allowed: every new connection is checked at connect time.
 * - `validateConnectionHost(host)` checks an IP literal that no lookup will see (Node skips
 *   the lookup for IP literals); `validateRedirectSync(url)` checks a redirect target.
 * n8n's own request helper does all of these (pre-flight validateUrl, the secure lookup in its
 * agents, a connection guard for IP literals, validateRedirectSync per hop), and its Kafka node
 * does the same for its embedded client: validateUrl once, then an agent with the secure lookup.
 *
 * Through a forward proxy the proxy resolves the target, so the lookup never sees it: the
 * pre-flight `validateUrl` is what checks it there (as n8n does). The proxy itself is the
 * operator's setting and is not checked (n8n does not check environment proxies either).
 */
export type EgressFilter = NodeEgressFilter;

const announced = new Set<string>();

/**
 * The instance's egress filter, or undefined when the layer must fall back to n8n's request
 * helper: this n8n has no egress filter, or a proxy is set and this Node cannot route its own
 * agents through it. The reason is logged once per process.
 */
export function egressFilterOf(ctx: HttpContext, proxy: ProxySetting): EgressFilter | undefined {
	const get = ctx.helpers.getSecureEgressFilter;
	if (typeof get !== 'function') {
		announceOnce(ctx, 'this n8n has no egress filter (helpers.getSecureEgressFilter, n8n 2.x)');
		return undefined;
	}
	if (proxy.proxied && !nodeSupportsProxyEnv()) {
		announceOnce(ctx, `HTTP(S)_PROXY is set and Node ${process.versions.node} cannot route its own connections through it (Node 24.5 or newer can)`);
		return undefined;
	}
	return get.call(ctx.helpers);
}

function announceOnce(ctx: HttpContext, reason: string): void {
	if (announced.has(reason)) return;
	announced.add(reason);
	ctx.logger?.warn(`Chatflow: ${reason}; platform requests go through httpRequestWithAuthentication, with a new connection for every request`);
}

/** A refusal by n8n's outbound rules, with n8n's own explanation. */
export function egressRefusal(cause: unknown, target: string): TransportFailure {
	const error = cause as { message?: unknown; description?: unknown };
	const reason = typeof error?.message === 'string' ? error.message : String(cause);
	const description = typeof error?.description === 'string' ? error.description : undefined;
	return new TransportFailure(
		'EGRESS_REFUSED',
		`Refused by n8n's outbound network rules (SSRF protection) for ${target}: ${reason}`,
		description ?? "Ask your n8n administrator to allow this host (N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES).",
	);
}

/** Pre-flight check of a target URL; throws EGRESS_REFUSED. */
export async function checkTarget(filter: EgressFilter, url: URL): Promise<void> {
	const result = await filter.validateUrl(url);
	if (!result.ok) throw egressRefusal(result.error, url.host);
}

/** Check of a redirect target before following it; throws EGRESS_REFUSED. */
export async function checkRedirect(filter: EgressFilter, url: URL): Promise<void> {
	try {
		filter.validateRedirectSync(url.href);
	} catch (error) {
		throw egressRefusal(error, url.host);
	}
	await checkTarget(filter, url);
}

/**
 * The filter's connect-time lookup, with its refusals turned into EGRESS_REFUSED failures so
 * they are told apart from DNS errors (which carry an errno code such as ENOTFOUND).
 */
export function secureLookup(filter: EgressFilter): LookupFunction {
	const lookup = filter.createSecureLookup();
	return (hostname, options, callback) => {
		lookup(hostname, options, (error, address, family) => {
			if (error && typeof (error as NodeJS.ErrnoException).code !== 'string') {
				callback(egressRefusal(error, hostname) as unknown as NodeJS.ErrnoException, address, family);
				return;
			}
			callback(error, address, family);
		});
	};
}

/** A connection to an IP literal (never looked up) checked before it is opened. */
export function connectionHostRefusal(filter: EgressFilter, host: string | undefined): TransportFailure | undefined {
	if (!host) return undefined;
	const result = filter.validateConnectionHost(host);
	return result.ok ? undefined : egressRefusal(result.error, host);
}
