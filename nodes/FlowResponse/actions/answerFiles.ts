import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph';
import { segment } from '../../shared/graph';
import { attachUploadedFiles, DEFAULT_MAX_FILE_MB, FlowMediaError, type AttachContext, type AttachedFiles } from '../../shared/flows/media';

/**
 * The files of a Flow's answer as binary properties. The answer (nfm_reply) names each file as
 * a Cloud API media object (id, sha256, mime_type, file_name), fetched like a received image:
 * looked up, downloaded with the credential, checked against its SHA-256. Encrypted CDN files
 * (the endpoint's shape, if a workflow passed them on) are decrypted as the endpoint does.
 * `parsed.response` then holds, per file, its binary property.
 */
export async function attachAnswerFiles(ctx: IExecuteFunctions, graph: GraphClient, parsed: IDataObject, itemIndex: number): Promise<AttachedFiles | undefined> {
	if (!(ctx.getNodeParameter('downloadFiles', itemIndex, false) as boolean)) return undefined;
	const maxFileBytes = Math.max(1, Number(ctx.getNodeParameter('maxFileSizeMb', itemIndex, DEFAULT_MAX_FILE_MB)) || DEFAULT_MAX_FILE_MB) * 1024 * 1024;
	const attached = await attachUploadedFiles(ctx as unknown as AttachContext, parsed.response as IDataObject, {
		maxFileBytes,
		timeoutMs: 5 * 60_000,
		downloadCloudMedia: async (file, maxBytes) => {
			const meta = await graph.request<{ url?: string; file_size?: number }>({ method: 'GET', path: `/${segment(file.id)}`, itemIndex });
			if (!meta.url) throw new FlowMediaError(`the lookup of media ${file.id} returned no download URL`);
			if (Number(meta.file_size) > maxBytes) throw new FlowMediaError(`the file is larger than the limit of ${maxBytes} bytes`);
			return (await graph.download({ method: 'GET', path: meta.url, itemIndex })).data;
		},
	});
	if (attached) parsed.response = attached.payload;
	return attached;
}
