import type { FlowTokenCheck } from './flowToken';

/** The decrypted body of a data-exchange request (Meta's endpoint request shape). */
export interface DecryptedFlowRequest {
	version?: string;
	action: string;
	screen?: string;
	data?: Record<string, unknown>;
	flow_token?: string;
	flow_token_signature?: string;
	[key: string]: unknown;
}

/**
 * What the respond node needs to encrypt the answer. `aesKey` stays in memory; only the
 * encrypted key and the IV (useless without the private key) may travel in the item.
 */
export interface FlowSession {
	aesKey: Buffer;
	iv: Buffer;
	encryptedAesKey: string;
	initialVector: string;
}

export type EndpointOutcome =
	| {
			/** Answered by the endpoint itself with an error status; no workflow run. */
			kind: 'rejected';
			status: 400 | 421 | 427 | 432;
			body: string;
			contentType: 'application/json';
			reason: string;
			request?: DecryptedFlowRequest;
	  }
	| {
			/** Health check or client error notification: answered (encrypted) by the endpoint. */
			kind: 'answered';
			status: 200;
			body: string;
			contentType: 'text/plain';
			request: DecryptedFlowRequest;
			notification: 'ping' | 'error';
			session: FlowSession;
			token?: FlowTokenCheck;
	  }
	| {
			/** INIT, BACK or data_exchange: the workflow answers through the respond node. */
			kind: 'forward';
			request: DecryptedFlowRequest;
			session: FlowSession;
			token?: FlowTokenCheck;
	  };
