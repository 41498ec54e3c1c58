import { createPrivateKey, generateKeyPairSync } from 'node:crypto';

import { loadPrivateKey, normalisePem } from '../../../nodes/shared/flows';
import { testFlowsEndpointCredential } from '../../../nodes/shared/flows/credential';
import { generateFlowsKeyPair } from '../../../simulator/flows/client';

const PASSPHRASE = 'open sesame';
const encrypted = generateFlowsKeyPair(PASSPHRASE);

async function credentialTest(data: Record<string, string>) {
	return await testFlowsEndpointCredential({ id: '1', name: 'c', type: 'chatflowFlowsEndpointApi', data });
}

describe('private key parsing and the credential test', () => {
	it('parses an encrypted PEM once and reuses the KeyObject', () => {
		const first = loadPrivateKey(encrypted.privateKeyPem, PASSPHRASE);
		expect(first.asymmetricKeyDetails?.modulusLength).toBe(2048);
		expect(loadPrivateKey(encrypted.privateKeyPem, PASSPHRASE)).toBe(first);
	});

	it('accepts a PEM pasted with literal \\n sequences', () => {
		const oneLine = encrypted.privateKeyPem.trim().replace(/\n/g, '\\n');
		expect(normalisePem(oneLine)).toBe(encrypted.privateKeyPem.trim());
	});

	it.each([
		[{ privateKey: encrypted.privateKeyPem, passphrase: 'wrong' }, /Passphrase is wrong/],
		[{ privateKey: encrypted.privateKeyPem, passphrase: '' }, /encrypted: enter its Passphrase/],
		[{ privateKey: 'not a key' }, /not a PEM/],
		[{ privateKey: '' }, /empty/],
		[
			{ privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
			/ec key: WhatsApp Flows needs an RSA key/,
		],
		[
			{ privateKey: generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
			/RSA-1024: WhatsApp Flows needs a 2048-bit RSA key/,
		],
	])('reports what is wrong with the key (%#)', async (data, message) => {
		const result = await credentialTest(data);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(result.message).not.toMatch(/MII[A-Za-z0-9+/]{20}/); // no key material in the message
	});

	it('reports a wrong passphrase even when the decrypted bytes pass the padding check', () => {
		// Roughly one wrong passphrase in 256 decrypts to bytes with valid padding, and OpenSSL then
		// fails decoding them as a key instead of saying "bad decrypt". Find such a passphrase for
		// this run's key with OpenSSL itself, then check the message the user gets for it.
		let lucky: string | undefined;
		for (let i = 0; i < 20_000 && lucky === undefined; i += 1) {
			try {
				createPrivateKey({ key: encrypted.privateKeyPem, format: 'pem', passphrase: `wrong ${i}` });
			} catch (error) {
				if (/DECODER/.test((error as Error).message)) lucky = `wrong ${i}`;
			}
		}
		expect(lucky).toBeDefined();
		expect(() => loadPrivateKey(encrypted.privateKeyPem, lucky)).toThrow(/Passphrase is wrong/);
	});

	it('passes a good credential and flags a short token secret', async () => {
		const good = await credentialTest({ privateKey: encrypted.privateKeyPem, passphrase: PASSPHRASE, appSecret: 's' });
		expect(good).toEqual({ status: 'OK', message: 'RSA-2048 private key parsed' });
		const short = await credentialTest({ privateKey: encrypted.privateKeyPem, passphrase: PASSPHRASE, tokenSecret: 'abc' });
		expect(short.status).toBe('Error');
		expect(short.message).toMatch(/Flow Token Secret/);
	});
});
