/**
 * What the WhatsApp Flows nodes share: the data-exchange endpoint's protocol and encryption, the
 * credential, and flow tokens.
 *
 * Endpoint: `handleEndpointRequest({ rawBody, headers }, { privateKey, appSecrets, tokenSecret })`
 * → rejected (400/421/427/432) | answered (ping, error notification) | forward (to the workflow).
 * Keys: `loadPrivateKey(pem, passphrase)` parses once and caches; errors are PrivateKeyError with a message for the user.
 * Answers: `buildAnswerPayload(answer)`, `await encryptAnswer(session, payload, loadKey)`.
 * Tokens: `createFlowToken(secret, context, ttlSeconds)`, `verifyFlowToken(secret, token)`.
 * Node-specific parts live with their node: Flow JSON checks in nodes/WhatsAppFlows, parsing a
 * Flow's answer in nodes/FlowResponse.
 */
export { decryptAesKey, decryptFlowData, encryptResponse, flipIv, DecryptionError } from './crypto';
export { loadPrivateKey, normalisePem, PrivateKeyError } from './privateKey';
export { createFlowToken, verifyFlowToken } from './flowToken';
export type { FlowTokenCheck, FlowTokenContext } from './flowToken';
export { handleEndpointRequest, tokenProblem } from './endpoint';
export type { EndpointRequest, EndpointSettings } from './endpoint';
export type { DecryptedFlowRequest, EndpointOutcome, FlowSession } from './types';
export { rememberAesKey, recallAesKey, forgetAesKeys } from './aesKeyCache';
