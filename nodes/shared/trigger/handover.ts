import type { ServerResponse } from 'node:http';

import type { DeliveryClaims } from '../ingestion/dedupe';

/**
 * Settles a delivery's de-duplication claims by how n8n answered the platform. n8n answers an
 * `onReceived` webhook that leaves the answer to it once the execution is queued: 200 means the
 * events are in n8n's hands (confirm: redeliveries are duplicates); anything else, or a
 * connection closed before the answer went out, means they may not be (release: a redelivery
 * is processed).
 */
export function settleWhenAnswered(res: ServerResponse, claims: DeliveryClaims, warn: (message: string) => void): void {
	if (claims.size === 0) return;
	let settled = false;
	const settle = () => {
		if (settled) return;
		settled = true;
		void settleClaims(claims, res.writableFinished && res.statusCode === 200, warn);
	};
	res.once('finish', settle);
	res.once('close', settle);
}

export async function settleClaims(claims: DeliveryClaims, handedOver: boolean, warn: (message: string) => void): Promise<void> {
	try {
		await (handedOver ? claims.confirm() : claims.release());
	} catch (error) {
		// An unconfirmed claim expires after its handover time; a redelivery after that may run twice (better than never).
		warn(`de-duplication store failed to ${handedOver ? 'confirm' : 'release'} a delivery's events: ${(error as Error).message}`);
	}
}
