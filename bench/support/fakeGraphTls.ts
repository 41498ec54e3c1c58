import { randomInt } from 'node:crypto';
import { join } from 'node:path';

import { FakePlatform, type FakePlatformOptions } from '../../simulator/platform';
import { createTestCertificates } from '../../test/support/testCa';

/**
 * FakePlatform impersonating https://graph.facebook.com for ONE n8n process, so nodes whose base
 * URL is fixed (n8n's built-in WhatsApp node: https://graph.facebook.com/v13.0/) talk to it:
 *
 * - it listens with TLS on port 443 of its own random loopback address (127.x.y.z; Linux routes
 *   all of 127/8 to loopback), so it needs no fixed port and never collides with another run;
 * - its certificate is signed by a throw-away test CA (test/support/testCa.ts);
 * - the n8n process gets `nodeArgs` (a --require preload that resolves graph.facebook.com to
 *   that address inside that process only) and `env` (NODE_EXTRA_CA_CERTS = the test CA).
 *   Nothing global changes: no /etc/hosts edit, no system trust store.
 *
 *   const fake = await startFakeGraphTls({ latencyMs: 50 });
 *   const n8n = await N8nInstance.start({ ..., env: fake.env, nodeArgs: fake.nodeArgs });
 *   ... fake.platform.received('POST', '/:version/:phone/messages') ...
 *   await fake.close();
 *
 * Binding port 443 needs root or CAP_NET_BIND_SERVICE (true on the benchmark machines).
 */
export interface FakeGraphTls {
	platform: FakePlatform;
	/** The loopback address graph.facebook.com resolves to inside the n8n process. */
	address: string;
	/** Environment for the n8n process. */
	env: Record<string, string>;
	/** Node arguments for the n8n process (before n8n's binary). */
	nodeArgs: string[];
	/** `https://graph.facebook.com` (what credentials' Base URL should stay). */
	url: string;
	close(): Promise<void>;
}

export const IMPERSONATED_HOSTS = ['graph.facebook.com'];

export async function startFakeGraphTls(options: Omit<FakePlatformOptions, 'tls' | 'host' | 'port'> = {}): Promise<FakeGraphTls> {
	const address = `127.${randomInt(1, 254)}.${randomInt(1, 254)}.${randomInt(1, 254)}`;
	const certificates = createTestCertificates(IMPERSONATED_HOSTS, [address]);
	let platform: FakePlatform;
	try {
		platform = await FakePlatform.start({ ...options, tls: { key: certificates.key, cert: certificates.cert }, host: address, port: 443 });
	} catch (error) {
		certificates.dispose();
		throw error;
	}
	return {
		platform,
		address,
		url: 'https://graph.facebook.com',
		env: {
			NODE_EXTRA_CA_CERTS: certificates.caFile,
			CHATFLOW_FAKE_HOSTS: IMPERSONATED_HOSTS.map((host) => `${host}=${address}`).join(','),
		},
		nodeArgs: ['--require', join(__dirname, 'dns-preload.cjs')],
		close: async () => {
			await platform.close();
			certificates.dispose();
		},
	};
}
