import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryFileOf } from '../../../shared/actions';
import { segment } from '../../../shared/graph';
import type { WhatsAppRun } from './run';

/** POST /{phone_number_id}/media with a binary property of the item → `{ id }`. */
export async function uploadBinary(
	ctx: IExecuteFunctions,
	run: WhatsAppRun,
	itemIndex: number,
	phoneNumberId: string,
	binaryPropertyName: string,
): Promise<{ id: string; fileName: string; mimeType: string }> {
	const { binary, data } = await binaryFileOf(ctx, itemIndex, binaryPropertyName);
	const mimeType = binary.mimeType || 'application/octet-stream';
	const fileName = binary.fileName || `file.${binary.fileExtension ?? 'bin'}`;
	const answer = await run.graph.request<{ id?: string }>({
		method: 'POST',
		path: `/${segment(phoneNumberId)}/media`,
		multipart: {
			fields: { messaging_product: 'whatsapp', type: mimeType },
			files: [{ field: 'file', data, fileName, mimeType }],
		},
		itemIndex,
	});
	if (!answer.id) {
		throw new NodeOperationError(ctx.getNode(), `media upload: the answer has no media id (${JSON.stringify(answer).slice(0, 200)})`, { itemIndex });
	}
	return { id: answer.id, fileName, mimeType };
}
