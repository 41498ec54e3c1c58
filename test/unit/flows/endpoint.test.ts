import { createPrivateKey } from 'node:crypto';

import {
	createFlowToken,
	handleEndpointRequest,
	loadPrivateKey,
	type EndpointOutcome,
	type EndpointSettings,
} from '../../../nodes/shared/flows';
import {
	decryptFlowResponse,
	encryptFlowRequest,
	generateFlowsKeyPair,
	resign,
	signBody,
	type EncryptedFlowRequest,
} from '../../../simulator/flows/client';

const APP_SECRET = 'app-secret-current-0123456789abcdef';
const OLD_SECRET = 'app-secret-previous-0123456789abcde';
const TOKEN_SECRET = 'token-secret-0123456789abcdefghijklmnop';
const PASSPHRASE = 'correct horse battery staple';

const keys = generateFlowsKeyPair(PASSPHRASE);
const otherKeys = generateFlowsKeyPair();

function settings(overrides: Partial<EndpointSettings> = {}): EndpointSettings {
	return { privateKey: loadPrivateKey(keys.privateKeyPem, PASSPHRASE), appSecrets: [APP_SECRET, OLD_SECRET], ...overrides };
}

function send(request: { body: string; headers: Record<string, string> }, overrides: Partial<EndpointSettings> = {}): EndpointOutcome {
	return handleEndpointRequest({ rawBody: Buffer.from(request.body), headers: request.headers }, settings(overrides));
}

function expectStatus(outcome: EndpointOutcome, status: number): void {
	expect(outcome.kind).toBe('rejected');
	if (outcome.kind === 'rejected') expect(outcome.status).toBe(status);
}

describe('Flows endpoint handler: round trips against an independent client', () => {
	it('answers a health check itself with an encrypted {data:{status:"active"}}', () => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'ping' }, APP_SECRET);
		const outcome = send(request);
		expect(outcome.kind).toBe('answered');
		if (outcome.kind !== 'answered') return;
		expect(outcome.status).toBe(200);
		expect(outcome.contentType).toBe('text/plain');
		expect(decryptFlowResponse(request, outcome.body)).toEqual({ data: { status: 'active' } });
	});

	it.each(['error', 'error_key'])('acknowledges a client error notification (data.%s)', (field) => {
		const payload = { version: '3.0', action: 'data_exchange', screen: 'A', flow_token: 't', data: { [field]: 'x', error_message: 'boom' } };
		const request = encryptFlowRequest(keys.publicKey, payload, APP_SECRET);
		const outcome = send(request);
		expect(outcome.kind).toBe('answered');
		if (outcome.kind !== 'answered') return;
		expect(outcome.notification).toBe('error');
		expect(decryptFlowResponse(request, outcome.body)).toEqual({ data: { acknowledged: true } });
	});

	it.each([
		{ version: '3.0', action: 'INIT', flow_token: 'tok' },
		{ version: '3.0', action: 'BACK', screen: 'SECOND', flow_token: 'tok' },
		{ version: '3.0', action: 'data_exchange', screen: 'FIRST', data: { name: 'Ana', n: 3 }, flow_token: 'tok' },
	])('forwards $action with the decrypted request and a session that encrypts the answer', (payload) => {
		const request = encryptFlowRequest(keys.publicKey, payload, APP_SECRET);
		const outcome = send(request);
		expect(outcome.kind).toBe('forward');
		if (outcome.kind !== 'forward') return;
		expect(outcome.request).toEqual(payload);
		expect(outcome.session.aesKey.equals(request.aesKey)).toBe(true);
		expect(outcome.session.encryptedAesKey).toBe(request.envelope.encrypted_aes_key);
	});

	it('accepts the previous app secret during a rotation', () => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'INIT' }, OLD_SECRET);
		expect(send(request).kind).toBe('forward');
	});

	it('accepts an unencrypted PKCS#1 PEM key as well', () => {
		const pem = createPrivateKey({ key: keys.privateKeyPem, passphrase: PASSPHRASE }).export({ type: 'pkcs1', format: 'pem' }).toString();
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'INIT' }, APP_SECRET);
		expect(send(request, { privateKey: loadPrivateKey(pem) }).kind).toBe('forward');
	});
});

describe('Flows endpoint handler: rejections', () => {
	const base = () => encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'data_exchange', screen: 'A', data: {} }, APP_SECRET);

	it.each(['encrypted_flow_data', 'encrypted_aes_key', 'initial_vector'] as const)(
		'a flipped bit anywhere in %s gives 421 (RSA or GCM failure)',
		(field) => {
			const request = base();
			const bytes = Buffer.from(request.envelope[field], 'base64');
			// first byte, a middle byte and the last byte (for encrypted_flow_data: inside the tag)
			for (const position of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
				const tampered = Buffer.from(bytes);
				tampered[position] ^= 0x01;
				const envelope = { ...request.envelope, [field]: tampered.toString('base64') };
				expectStatus(send(resign(envelope, APP_SECRET)), 421);
			}
		},
	);

	it('a request encrypted for another public key gives 421', () => {
		const request = encryptFlowRequest(otherKeys.publicKey, { version: '3.0', action: 'ping' }, APP_SECRET);
		expectStatus(send(request), 421);
	});

	it('a wrong, missing or malformed signature gives 432', () => {
		const request = base();
		expectStatus(send({ body: request.body, headers: { 'x-hub-signature-256': signBody(request.body, 'another-secret') } }), 432);
		expectStatus(send({ body: request.body, headers: {} }), 432);
		expectStatus(send({ body: request.body, headers: { 'x-hub-signature-256': 'sha256=zz' } }), 432);
		expectStatus(send({ body: request.body, headers: { 'x-hub-signature-256': request.headers['x-hub-signature-256'].slice(0, -2) } }), 432);
		// the body changed after signing
		expectStatus(send({ body: request.body.replace('"}', '" }'), headers: request.headers }), 432);
	});

	it('skipping the signature check (local testing) accepts unsigned requests', () => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'INIT' });
		expect(send(request, { skipSignatureCheck: true }).kind).toBe('forward');
	});

	it.each([
		['not JSON', 'hello'],
		['a JSON array', '[]'],
		['unencrypted Flow JSON', JSON.stringify({ version: '3.0', action: 'ping' })],
		['a field of the wrong type', JSON.stringify({ encrypted_flow_data: 1, encrypted_aes_key: 'a', initial_vector: 'b' })],
		['empty', ''],
	])('an unencrypted or malformed body (%s) gives 400, never a crash', (_label, body) => {
		expectStatus(send({ body, headers: { 'x-hub-signature-256': signBody(body, APP_SECRET) } }), 400);
	});

	it('garbage base64 in every field gives 421', () => {
		const envelope = { encrypted_flow_data: '!!!!', encrypted_aes_key: 'AAAA', initial_vector: 'AA==' };
		expectStatus(send(resign(envelope, APP_SECRET)), 421);
	});

	it('a decrypted payload without an action gives 400', () => {
		expectStatus(send(encryptFlowRequest(keys.publicKey, { version: '3.0' }, APP_SECRET)), 400);
	});

	it('an action Meta does not document gives 400 naming it, unless unknown actions are passed on', () => {
		const request = encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'navigate', screen: 'A', flow_token: 't' }, APP_SECRET);
		const refused = send(request);
		expectStatus(refused, 400);
		expect(refused.kind === 'rejected' && JSON.parse(refused.body)).toEqual({ error_msg: 'unknown action "navigate"' });
		const passed = send(request, { passUnknownActions: true });
		expect(passed.kind).toBe('forward');
		expect(passed.kind === 'forward' && passed.request.action).toBe('navigate');
	});
});

describe('Flows endpoint handler: flow tokens', () => {
	const now = Date.UTC(2026, 10, 21, 12, 0, 0);
	const request = (flowToken: unknown): EncryptedFlowRequest =>
		encryptFlowRequest(keys.publicKey, { version: '3.0', action: 'INIT', flow_token: flowToken }, APP_SECRET);

	it('forwards a valid token with its context', () => {
		const token = createFlowToken(TOKEN_SECRET, { contact: '4915112345678', journey: 'booking' }, 600, now);
		const outcome = send(request(token), { tokenSecret: TOKEN_SECRET, nowMs: now + 1000 });
		expect(outcome.kind).toBe('forward');
		if (outcome.kind !== 'forward') return;
		expect(outcome.token).toEqual({ status: 'ok', context: { contact: '4915112345678', journey: 'booking' }, expiresAt: '2026-11-21T12:10:00.000Z' });
	});

	it('an expired token gives 427 with an error_msg body', () => {
		const token = createFlowToken(TOKEN_SECRET, { c: 1 }, 60, now);
		const outcome = send(request(token), { tokenSecret: TOKEN_SECRET, nowMs: now + 61_000 });
		expectStatus(outcome, 427);
		if (outcome.kind === 'rejected') expect(JSON.parse(outcome.body).error_msg).toMatch(/expired/);
	});

	it.each([
		['signed with another secret', () => createFlowToken('another-token-secret-0123456789', { c: 1 }, 60, now)],
		['context changed', () => {
			const [, mac] = createFlowToken(TOKEN_SECRET, { c: 1 }, 60, now).split('.');
			return `${Buffer.from(JSON.stringify({ c: { c: 2 }, e: now / 1000 + 60 })).toString('base64url')}.${mac}`;
		}],
		['not ours', () => 'unused'],
		['missing', () => undefined],
	])('a forged or foreign token (%s) gives 427', (_label, make) => {
		expectStatus(send(request(make()), { tokenSecret: TOKEN_SECRET, nowMs: now }), 427);
	});

	it('does not check tokens when no token secret is given', () => {
		expect(send(request('unused')).kind).toBe('forward');
	});
});
