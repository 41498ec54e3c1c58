import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away certificate authority and a server certificate it signs, made with the openssl
 * CLI (Node cannot issue X.509 certificates). The benchmark's n8n trusts the CA through
 * NODE_EXTRA_CA_CERTS; nothing is installed system-wide. `dispose()` deletes the folder.
 */
export interface TestCertificates {
	/** Path of the CA certificate (PEM), for NODE_EXTRA_CA_CERTS. */
	caFile: string;
	/** The server's key and certificate (PEM), for an https server. */
	key: Buffer;
	cert: Buffer;
	dispose(): void;
}

export function createTestCertificates(hostNames: string[], ipAddresses: string[] = []): TestCertificates {
	const dir = mkdtempSync(join(tmpdir(), 'chatflow-test-ca-'));
	const file = (name: string) => join(dir, name);
	const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });

	openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=chatflow benchmark test CA',
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
		'-keyout', file('ca.key'), '-out', file('ca.pem'));
	openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${hostNames[0]}`, '-keyout', file('server.key'), '-out', file('server.csr'));
	const altNames = [...hostNames.map((h) => `DNS:${h}`), ...ipAddresses.map((ip) => `IP:${ip}`)].join(',');
	writeFileSync(file('server.ext'), `subjectAltName=${altNames}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`);
	openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
		'-days', '2', '-extfile', file('server.ext'), '-out', file('server.pem'));

	return {
		caFile: file('ca.pem'),
		key: readFileSync(file('server.key')),
		cert: readFileSync(file('server.pem')),
		dispose: () => rmSync(dir, { recursive: true, force: true }),
	};
}
