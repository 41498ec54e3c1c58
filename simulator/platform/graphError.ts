import { randomBytes } from 'node:crypto';

import type { ScriptedResponse } from './types';

/** A Graph API error answer as Meta writes it (message, type, code, extra fields, fbtrace_id). */
export function graphError(code: number, message: string, status = 400, extra: Record<string, unknown> = {}): ScriptedResponse {
	return {
		status,
		json: {
			error: {
				message,
				type: 'OAuthException',
				code,
				...extra,
				fbtrace_id: `A${randomBytes(9).toString('base64url')}`,
			},
		},
	};
}
