import { NodeOperationError, type INodeProperties } from 'n8n-workflow';

import { graphOf, type OperationExecute } from '../common/run';
import { phoneNumberIdOf } from './phoneNumber';

/** Upload Public Key: the business public key of a phone number, for the data-exchange endpoint. */
export const description: INodeProperties[] = [
	{
		displayName: 'Public Key (PEM)',
		name: 'publicKey',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		placeholder: '-----BEGIN PUBLIC KEY-----',
		displayOptions: { show: { operation: ['uploadPublicKey'] } },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const publicKey = (this.getNodeParameter('publicKey', itemIndex) as string).trim();
	if (!publicKey.startsWith('-----BEGIN PUBLIC KEY-----')) {
		throw new NodeOperationError(this.getNode(), 'Public Key: must be a PEM starting with -----BEGIN PUBLIC KEY-----', { itemIndex });
	}
	const graph = graphOf(this, run);
	const id = phoneNumberIdOf(this, graph, itemIndex);
	const result = await graph.request({
		method: 'POST',
		path: `/${id}/whatsapp_business_encryption`,
		// JSON: Graph takes POST parameters as JSON too, and a multipart string field would turn the
		// PEM's line ends into CRLF.
		body: { business_public_key: publicKey },
		itemIndex,
	});
	return { phoneNumberId: id, ...result };
};
