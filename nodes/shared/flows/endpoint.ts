import type { KeyObject } from 'node:crypto';

import { DecryptionError, decryptAesKey, decryptFlowData, encryptResponse } from './crypto';
import { verifyFlowToken, type FlowTokenCheck } from './flowToken';
import { verifyRequestSignature } from '../webhook/signature';
import type { DecryptedFlowRequest, EndpointOutcome, FlowSession } from './types';

/**
 * The data-exchange endpoint as a pure function: request bytes and headers in, what to answer
 * (or what to hand to the workflow) out. No n8n here, so it is unit tested and benchmarked
 * directly. Order of checks: signature (432) → envelope (400) → RSA + GCM (421) → action (400)
 * → token (427).
 */

export interface EndpointSettings {
	privateKey: KeyObject;
	/** Current and previous app secret; empty entries are ignored. */
	appSecrets: readonly string[];
	/** Off only for local testing without Meta's signature. */
	skipSignatureCheck?: boolean;
	/** When set, INIT/BACK/data_exchange must carry a valid token from createFlowToken. */
	tokenSecret?: string;
	/** Hand requests with an action Meta does not document to the workflow instead of answering 400. */
	passUnknownActions?: boolean;
	nowMs?: number;
}

export interface EndpointRequest {
	rawBody: Buffer;
	headers: Record<string, string | string[] | undefined>;
}

const PING_ANSWER = { data: { status: 'active' } };
/** The actions Meta documents for a data-exchange request (`ping` is answered before). */
export const FLOW_ACTIONS: readonly string[] = ['INIT', 'BACK', 'data_exchange'];
const ACK_ANSWER = { data: { acknowledged: true } };

function reject(
	status: 400 | 421 | 427 | 432,
	reason: string,
	request?: DecryptedFlowRequest,
): EndpointOutcome {
	return { kind: 'rejected', status, reason, body: JSON.stringify({ error_msg: reason }), contentType: 'application/json', request };
}

interface Envelope {
	encrypted_flow_data: string;
	encrypted_aes_key: string;
	initial_vector: string;
}

function parseEnvelope(rawBody: Buffer): Envelope | string {
	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return 'request body is not JSON';
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'request body is not a JSON object';
	const envelope = body as Record<string, unknown>;
	for (const field of ['encrypted_flow_data', 'encrypted_aes_key', 'initial_vector'] as const) {
		if (typeof envelope[field] !== 'string' || envelope[field] === '') {
			return `request body has no ${field}: not an encrypted WhatsApp Flows request`;
		}
	}
	return envelope as unknown as Envelope;
}

/** An error notification carries `data.error` (one doc version says `error_key`). */
function isErrorNotification(request: DecryptedFlowRequest): boolean {
	const data = request.data;
	return typeof data === 'object' && data !== null && (typeof data.error === 'string' || typeof data.error_key === 'string');
}

export function handleEndpointRequest(input: EndpointRequest, settings: EndpointSettings): EndpointOutcome {
	if (!settings.skipSignatureCheck) {
		if (!verifyRequestSignature(input.rawBody, input.headers['x-hub-signature-256'], settings.appSecrets)) {
			return reject(432, 'request signature validation failed');
		}
	}

	const envelope = parseEnvelope(input.rawBody);
	if (typeof envelope === 'string') return reject(400, envelope);

	let session: FlowSession;
	let plaintext: Buffer;
	try {
		const iv = Buffer.from(envelope.initial_vector, 'base64');
		const aesKey = decryptAesKey(settings.privateKey, Buffer.from(envelope.encrypted_aes_key, 'base64'));
		plaintext = decryptFlowData(aesKey, iv, Buffer.from(envelope.encrypted_flow_data, 'base64'));
		session = { aesKey, iv, encryptedAesKey: envelope.encrypted_aes_key, initialVector: envelope.initial_vector };
	} catch (error) {
		return reject(421, error instanceof DecryptionError ? error.message : 'payload cannot be decrypted');
	}

	let request: DecryptedFlowRequest;
	try {
		request = JSON.parse(plaintext.toString('utf8')) as DecryptedFlowRequest;
	} catch {
		return reject(400, 'decrypted payload is not JSON');
	}
	if (typeof request !== 'object' || request === null || typeof request.action !== 'string') {
		return reject(400, 'decrypted payload has no action');
	}

	if (request.action === 'ping') {
		return answered(request, session, 'ping', PING_ANSWER);
	}

	const token = settings.tokenSecret ? verifyFlowToken(settings.tokenSecret, request.flow_token, settings.nowMs) : undefined;

	if (isErrorNotification(request)) {
		return answered(request, session, 'error', ACK_ANSWER, token);
	}
	// Refused before the workflow starts: no respond node could answer an action it was not built for.
	if (!FLOW_ACTIONS.includes(request.action) && !settings.passUnknownActions) {
		return reject(400, `unknown action ${JSON.stringify(request.action)}`, request);
	}
	if (token && token.status !== 'ok') {
		return reject(427, tokenProblem(token), request);
	}
	return { kind: 'forward', request, session, token };
}

function answered(
	request: DecryptedFlowRequest,
	session: FlowSession,
	notification: 'ping' | 'error',
	payload: unknown,
	token?: FlowTokenCheck,
): EndpointOutcome {
	const body = encryptResponse(session.aesKey, session.iv, payload);
	return { kind: 'answered', status: 200, body, contentType: 'text/plain', request, notification, session, token };
}

export function tokenProblem(check: FlowTokenCheck): string {
	switch (check.status) {
		case 'expired':
			return `flow token expired at ${check.expiresAt}`;
		case 'forged':
			return 'flow token signature is invalid';
		case 'malformed':
			return 'flow token is not a token created by this package';
		default:
			return 'flow token is valid';
	}
}
