import { createSecureContext, type SecureContext } from 'node:tls';

let shared: SecureContext | undefined;

/**
 * One TLS context (the default trust store, NODE_EXTRA_CA_CERTS included) for every platform
 * connection of this process, in the keep-alive pools and in the fallback through n8n's request
 * helper (which builds a new agent, and without this a new context with the whole trust store,
 * for every request). It carries no per-request setting: certificates are still verified
 * (rejectUnauthorized and the server name stay per connection).
 */
export function sharedSecureContext(): SecureContext {
	shared ??= createSecureContext();
	return shared;
}
