/**
 * A request that got no usable answer: `code` says why, in the terms the shared retry rules
 * (../retry/delivery.ts) decide on. Messages never contain the URL's query or headers, which
 * may hold a credential (the Meta app token travels in the query).
 */
export class TransportFailure extends Error {
	constructor(
		/** ECONNREFUSED, ECONNRESET, ETIMEDOUT, EGRESS_REFUSED, ECANCELED, E_RESPONSE_TOO_LARGE, ... */
		readonly code: string,
		message: string,
		/** Extra explanation for the user (n8n's own text for outbound-rule refusals). */
		readonly description?: string,
	) {
		super(message);
		this.name = 'TransportFailure';
	}
}

/** The error code (ECONNRESET, ETIMEDOUT, ...) somewhere in an error's cause chain. */
export function errorCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current; depth++) {
		const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) {
			// axios reports its own timeout as ECONNABORTED; name it for what it is.
			if (candidate.code === 'ECONNABORTED' && /timeout/i.test(String(candidate.message))) return 'ETIMEDOUT';
			return candidate.code;
		}
		if (typeof candidate.message === 'string' && /socket hang up/i.test(candidate.message)) return 'ECONNRESET';
		current = candidate.cause;
	}
	return undefined;
}

/** Any thrown value as a TransportFailure (unknown causes keep their message, code UNKNOWN). */
export function toTransportFailure(error: unknown): TransportFailure {
	if (error instanceof TransportFailure) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new TransportFailure(errorCodeOf(error) ?? 'UNKNOWN', message);
}
