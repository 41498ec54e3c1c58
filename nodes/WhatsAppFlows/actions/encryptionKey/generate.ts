import { generateKeyPairSync } from 'node:crypto';
import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../common/run';

const show = { operation: ['generateKeyPair'] };

/** Generate Key Pair: an RSA-2048 key pair for the endpoint, the private key output once. */
export const description: INodeProperties[] = [
	{
		displayName:
			'The private key appears in this node\'s output once. Copy it into the "Chatflow WhatsApp Flows Endpoint API" credential, then delete this execution (or turn off saving successful executions for this workflow).',
		name: 'keyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Passphrase',
		name: 'keyPassphrase',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Encrypts the private key PEM (AES-256); empty for an unencrypted PEM',
		displayOptions: { show },
	},
];

/**
 * The private key is in this one output only (encrypted with the passphrase when one is given):
 * it is never logged.
 */
export const execute: OperationExecute = async function (_run, itemIndex) {
	const passphrase = this.getNodeParameter('keyPassphrase', itemIndex, '') as string;
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return {
		publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
		privateKey: privateKey
			.export(passphrase ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase } : { type: 'pkcs8', format: 'pem' })
			.toString(),
		encrypted: passphrase !== '',
	};
};
