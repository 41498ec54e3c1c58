import { createSecureContext, type SecureContext } from 'node:tls';

let shared: SecureContext | undefined;

/**
 * One TLS context (the default trust store, NODE_EXTRA_CA_CERTS included) for every Graph API
 * connection of this process. n8n's request helper builds a new agent for each request, so
 * without it Node creates a new context, trust store and all, for every message sent; with it a
 * connection only does the handshake. It carries no per-request setting: certificates are still
 * verified (rejectUnauthorized and the server name stay per connection).
 */
export function sharedSecureContext(): SecureContext {
	shared ??= createSecureContext();
	return shared;
}
