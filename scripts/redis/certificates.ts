/**
 * A test certificate authority and the certificates it signs, made with the openssl CLI in a
 * folder: real X.509 (RSA 2048, SHA-256), valid one day, for a TLS Redis on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
	/** Paths (for redis-server) */
	caFile: string;
	serverCertFile: string;
	serverKeyFile: string;
	/** PEM text (for a credential): the CA, and a client certificate with its key */
	ca: string;
	clientCert: string;
	clientKey: string;
}

function openssl(dir: string, ...args: string[]): void {
	execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Signs `name`'s key with the CA; `san` is the subjectAltName line (servers) or undefined (clients). */
function issue(dir: string, name: string, subject: string, san?: string): void {
	openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
	const extensions = join(dir, `${name}.ext`);
	writeFileSync(extensions, san ? `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n` : 'extendedKeyUsage=clientAuth\n');
	openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-sha256', '-extfile', extensions);
}

export function makeTestCertificates(dir: string): TestCertificates {
	openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-sha256', '-subj', '/CN=chatflow test CA');
	issue(dir, 'server', '/CN=redis.chatflow.test', 'DNS:redis.chatflow.test,DNS:localhost,IP:127.0.0.1');
	issue(dir, 'client', '/CN=chatflow client');
	const read = (file: string) => readFileSync(join(dir, file), 'utf8');
	return {
		caFile: join(dir, 'ca.crt'),
		serverCertFile: join(dir, 'server.crt'),
		serverKeyFile: join(dir, 'server.key'),
		ca: read('ca.crt'),
		clientCert: read('client.crt'),
		clientKey: read('client.key'),
	};
}
