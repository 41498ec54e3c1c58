import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { graphOf, type OperationExecute } from '../common/run';
import { phoneNumberIdOf } from './phoneNumber';

/** Get Public Key: the uploaded key of a phone number and its signature status. */
export const description: INodeProperties[] = [];

export const execute: OperationExecute = async function (run, itemIndex) {
	const graph = graphOf(this, run);
	const id = phoneNumberIdOf(this, graph, itemIndex);
	const result = await graph.request<{ data?: IDataObject[] }>({ method: 'GET', path: `/${id}/whatsapp_business_encryption`, itemIndex });
	const [entry] = result.data ?? [];
	return {
		phoneNumberId: id,
		publicKey: entry?.business_public_key ?? null,
		signatureStatus: entry?.business_public_key_signature_status ?? 'NOT_UPLOADED',
	};
};
