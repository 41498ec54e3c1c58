import { buildAnswerPayload, encryptAnswer } from '../../../nodes/FlowsRespond/endpointAnswer';
import {
	recallAesKey,
	forgetAesKeys,
	handleEndpointRequest,
	loadPrivateKey,
	rememberAesKey,
} from '../../../nodes/shared/flows';
import { decryptFlowResponse, encryptFlowRequest, generateFlowsKeyPair } from '../../../simulator/flows/client';

const keys = generateFlowsKeyPair();
const privateKey = loadPrivateKey(keys.privateKeyPem);

describe('Flows answers', () => {
	it('builds next screen, error and SUCCESS payloads (flow_token added to params)', () => {
		expect(buildAnswerPayload({ kind: 'nextScreen', screen: 'SECOND', data: { a: 1 } })).toEqual({ screen: 'SECOND', data: { a: 1 } });
		expect(buildAnswerPayload({ kind: 'error', screen: 'FIRST', errorMessage: 'Try again', data: {} })).toEqual({
			screen: 'FIRST',
			data: { error_message: 'Try again' },
		});
		expect(buildAnswerPayload({ kind: 'close', flowToken: 'tok', params: { order: 7, flow_token: 'spoofed' } })).toEqual({
			screen: 'SUCCESS',
			data: { extension_message_response: { params: { order: 7, flow_token: 'tok' } } },
		});
		expect(() => buildAnswerPayload({ kind: 'nextScreen', screen: 'SUCCESS', data: {} })).toThrow(/reserved/);
		expect(() => buildAnswerPayload({ kind: 'nextScreen', screen: '', data: {} })).toThrow(/Screen is empty/);
	});

	it.each(['cache', 'rsa'] as const)('encrypts the answer for the request, AES key from the %s', async (source) => {
		forgetAesKeys();
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'INIT' });
		const outcome = handleEndpointRequest({ rawBody: Buffer.from(request.body), headers: {} }, { privateKey, appSecrets: [], skipSignatureCheck: true });
		if (outcome.kind !== 'forward') throw new Error('expected forward');
		if (source === 'cache') rememberAesKey(outcome.session.encryptedAesKey, outcome.session.aesKey);
		let loads = 0;
		const { body, aesKeySource } = await encryptAnswer(
			{ encryptedAesKey: outcome.session.encryptedAesKey, initialVector: outcome.session.initialVector },
			{ screen: 'FIRST', data: { x: 'ü' } },
			() => {
				loads++;
				return privateKey;
			},
		);
		expect(aesKeySource).toBe(source);
		expect(loads).toBe(source === 'rsa' ? 1 : 0);
		expect(decryptFlowResponse(request, body)).toEqual({ screen: 'FIRST', data: { x: 'ü' } });
	});

	it('keeps an AES key once and for at most 60 s', () => {
		const key = Buffer.alloc(16, 7);
		rememberAesKey('wrapped-1', key, 1_000);
		expect(recallAesKey('wrapped-1', 2_000)).toBe(key);
		expect(recallAesKey('wrapped-1', 2_000)).toBeUndefined();
		rememberAesKey('wrapped-2', key, 1_000);
		expect(recallAesKey('wrapped-2', 61_000)).toBeUndefined();
	});
});
