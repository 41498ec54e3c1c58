/**
 * WhatsApp Flows core (Meta's "Implementing Endpoints for Flows" and Flows API pages).
 *
 * Endpoint: `handleEndpointRequest({ rawBody, headers }, { privateKey, appSecrets, tokenSecret })`
 * → rejected (400/421/427/432) | answered (ping, error notification) | forward (to the workflow).
 * Keys: `loadPrivateKey(pem, passphrase)` parses once and caches; errors are PrivateKeyError with a message for the user.
 * Answers: `buildAnswerPayload(answer)`, `await encryptAnswer(session, payload, loadKey)`.
 * Tokens: `createFlowToken(secret, context, ttlSeconds)`, `verifyFlowToken(secret, token)`.
 * Flow JSON: `validateFlowJson(textOrObject)` → [{ path, message }].
 * Answers in the messages webhook: `parseFlowResponse(item, options)`.
 */
export { decryptAesKey, decryptFlowData, encryptResponse, flipIv, DecryptionError } from './crypto';
export { loadPrivateKey, normalisePem, PrivateKeyError } from './privateKey';
export { verifyRequestSignature, signRequestBody } from '../webhook/signature';
export { createFlowToken, verifyFlowToken } from './flowToken';
export type { FlowTokenCheck, FlowTokenContext } from './flowToken';
export { handleEndpointRequest, tokenProblem } from './endpoint';
export type { EndpointRequest, EndpointSettings } from './endpoint';
export type { DecryptedFlowRequest, EndpointOutcome, FlowSession } from './types';
export { rememberAesKey, recallAesKey, forgetAesKeys } from './aesKeyCache';
export { buildAnswerPayload, encryptAnswer, isSessionReference, SUCCESS_SCREEN } from './respond';
export type { FlowAnswer, SessionReference } from './respond';
export { validateFlowJson, FLOW_JSON_MAX_BYTES } from './flowJsonValidation';
export type { FlowJsonIssue } from './flowJsonValidation';
export { extractFlowResponse, parseResponseJson, FlowResponseError } from './responseParsing';
export { foldBuilderKeys, readableName, readableValue } from './responseFolding';
export { mapWithJsonata, MappingError } from './responseMapping';
export { parseFlowResponse } from './flowResponse';
export type { ParseFlowResponseOptions } from './flowResponse';
