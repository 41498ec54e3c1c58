import { generateKeyPairSync } from 'node:crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph';
import { validateFlowJson } from '../../shared/flows';
import { readFlowJson } from './flowJsonInput';

/** Business encryption key of a phone number, key generation, local Flow JSON validation. */

function phoneNumberId(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): string {
	const id = (ctx.getNodeParameter('phoneNumberId', itemIndex, '') as string).trim() || graph.field('phoneNumberId');
	if (!id) throw new NodeOperationError(ctx.getNode(), 'Phone Number ID: empty, and the credential has no default', { itemIndex });
	return id;
}

export async function uploadPublicKey(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): Promise<IDataObject> {
	const publicKey = (ctx.getNodeParameter('publicKey', itemIndex) as string).trim();
	if (!publicKey.startsWith('-----BEGIN PUBLIC KEY-----')) {
		throw new NodeOperationError(ctx.getNode(), 'Public Key: must be a PEM starting with -----BEGIN PUBLIC KEY-----', { itemIndex });
	}
	const id = phoneNumberId(ctx, graph, itemIndex);
	const result = await graph.request({
		method: 'POST',
		path: `/${id}/whatsapp_business_encryption`,
		// JSON: Graph takes POST parameters as JSON too, and a multipart string field would turn the
		// PEM's line ends into CRLF.
		body: { business_public_key: publicKey },
		itemIndex,
	});
	return { phoneNumberId: id, ...result };
}

export async function getPublicKey(ctx: IExecuteFunctions, graph: GraphClient, itemIndex: number): Promise<IDataObject> {
	const id = phoneNumberId(ctx, graph, itemIndex);
	const result = await graph.request<{ data?: IDataObject[] }>({ method: 'GET', path: `/${id}/whatsapp_business_encryption`, itemIndex });
	const [entry] = result.data ?? [];
	return {
		phoneNumberId: id,
		publicKey: entry?.business_public_key ?? null,
		signatureStatus: entry?.business_public_key_signature_status ?? 'NOT_UPLOADED',
	};
}

/**
 * A fresh RSA-2048 key pair. The private key is in this one output only (encrypted with the
 * passphrase when one is given): copy it into the Flows endpoint credential. It is never
 * logged; turn off saving successful executions for this workflow if it should not stay there.
 */
export function generateKeyPair(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const passphrase = ctx.getNodeParameter('keyPassphrase', itemIndex, '') as string;
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return {
		publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
		privateKey: privateKey
			.export(passphrase ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase } : { type: 'pkcs8', format: 'pem' })
			.toString(),
		encrypted: passphrase !== '',
	};
}

export async function validateFlowJsonOperation(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const issues = validateFlowJson(await readFlowJson(ctx, itemIndex));
	return { valid: issues.length === 0, issues: issues as unknown as IDataObject[] };
}
