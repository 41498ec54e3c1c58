import { lookup } from 'node:dns';
import { isIP } from 'node:net';

import type { NodeEgressFilter } from 'n8n-workflow';

/**
 * Egress filters for tests that run nodes without n8n: the pass-through one is what n8n gives
 * nodes when SSRF protection is off (@n8n/backend-network passthroughEgressFilter); the
 * refusing one blocks listed hosts and addresses with errors shaped like n8n's (a UserError
 * with a description and no errno code), at every layer n8n checks.
 */
export function passthroughEgress(): NodeEgressFilter {
	return {
		validateUrl: async () => ({ ok: true, result: undefined }),
		validateConnectionHost: () => ({ ok: true, result: undefined }),
		createSecureLookup: () => lookup,
		validateRedirectSync: () => {},
	};
}

export interface RefusingEgress extends NodeEgressFilter {
	/** Every check the filter made, in order: `url host`, `connect host`, `lookup host`, `redirect host`. */
	readonly checks: string[];
	/** Every URL the pre-flight check (`validateUrl`) was asked about, whole. */
	readonly urls: string[];
}

/** The checks n8n's filter makes; a test can let some of them pass to prove the others hold on their own. */
export type EgressLayer = 'url' | 'connect' | 'lookup' | 'redirect';

export function refusingEgress(blocked: string[], layers: EgressLayer[] = ['url', 'connect', 'lookup', 'redirect']): RefusingEgress {
	const checks: string[] = [];
	const urls: string[] = [];
	const refusal = (host: string) =>
		Object.assign(new Error('The request was blocked because it resolves to a restricted IP address'), {
			name: 'SsrfBlockedIpError',
			description: `The target ${host} is not allowed. This is a security measure to prevent Server-Side Request Forgery (SSRF).`,
		});
	const blocks = (layer: EgressLayer, host: string) => layers.includes(layer) && blocked.includes(host.replace(/^\[|\]$/g, ''));
	return {
		checks,
		urls,
		validateUrl: async (url) => {
			const { hostname } = new URL(String(url));
			checks.push(`url ${hostname}`);
			urls.push(String(url));
			return blocks('url', hostname) ? { ok: false, error: refusal(hostname) } : { ok: true, result: undefined };
		},
		validateConnectionHost: (host) => {
			checks.push(`connect ${host}`);
			return isIP(host) && blocks('connect', host) ? { ok: false, error: refusal(host) } : { ok: true, result: undefined };
		},
		createSecureLookup: () => (hostname, options, callback) => {
			checks.push(`lookup ${hostname}`);
			lookup(hostname, options, (error, address, family) => {
				const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
				if (!error && (blocks('lookup', hostname) || addresses.some((each) => blocks('lookup', each)))) {
					callback(refusal(hostname) as NodeJS.ErrnoException, options.all ? [] : '', undefined);
					return;
				}
				callback(error, address as never, family);
			});
		},
		validateRedirectSync: (url) => {
			const { hostname } = new URL(url);
			checks.push(`redirect ${hostname}`);
			if (blocks('redirect', hostname)) throw refusal(hostname);
		},
	};
}
