import { decryptAesKey, encryptResponse } from '../shared/flows/crypto';
import { recallAesKey } from '../shared/flows/aesKeyCache';
import type { KeyObject } from 'node:crypto';

/** What the respond node sends back to the WhatsApp client (Meta's endpoint response shape), before encryption. */
export type FlowAnswer =
	| { kind: 'nextScreen'; screen: string; data: Record<string, unknown> }
	| { kind: 'error'; screen: string; errorMessage: string; data: Record<string, unknown> }
	| { kind: 'close'; flowToken: string; params: Record<string, unknown> };

export const SUCCESS_SCREEN = 'SUCCESS';

export function buildAnswerPayload(answer: FlowAnswer): Record<string, unknown> {
	switch (answer.kind) {
		case 'nextScreen':
			if (!answer.screen) throw new Error('Screen is empty: name the screen to show next');
			if (answer.screen === SUCCESS_SCREEN) {
				throw new Error('Screen: SUCCESS is reserved for closing the Flow; choose "Close the Flow" instead');
			}
			return { screen: answer.screen, data: answer.data };
		case 'error':
			if (!answer.screen) throw new Error('Screen is empty: the error is shown on the current screen, name it');
			if (!answer.errorMessage) throw new Error('Error Message is empty');
			return { screen: answer.screen, data: { ...answer.data, error_message: answer.errorMessage } };
		case 'close':
			// The flow token is added automatically: the messages webhook uses it to route the answer.
			return {
				screen: SUCCESS_SCREEN,
				data: { extension_message_response: { params: { ...answer.params, flow_token: answer.flowToken } } },
			};
	}
}

/** What the trigger's item carries so that any later node can answer: no secret in it. */
export interface SessionReference {
	encryptedAesKey: string;
	initialVector: string;
}

export function isSessionReference(value: unknown): value is SessionReference {
	const candidate = value as SessionReference | undefined;
	return typeof candidate?.encryptedAesKey === 'string' && typeof candidate.initialVector === 'string';
}

/**
 * Encrypts an answer for the request the session refers to. The AES key comes from this
 * process's short-lived cache when the trigger ran here, else from decrypting the encrypted key
 * again with the private key (queue mode: the respond node may run on a worker).
 */
export async function encryptAnswer(
	session: SessionReference,
	payload: unknown,
	loadKey: () => KeyObject | Promise<KeyObject>,
): Promise<{ body: string; aesKeySource: 'cache' | 'rsa' }> {
	const iv = Buffer.from(session.initialVector, 'base64');
	const cached = recallAesKey(session.encryptedAesKey);
	// The credential is only read when the key must be re-derived (n8n decrypts it on every read).
	const aesKey = cached ?? decryptAesKey(await loadKey(), Buffer.from(session.encryptedAesKey, 'base64'));
	return { body: encryptResponse(aesKey, iv, payload), aesKeySource: cached ? 'cache' : 'rsa' };
}
