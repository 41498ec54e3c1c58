import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { segment } from '../../../shared/graph';
import { stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { mediaIdParam, mediaIdProperty } from './mediaId';

export const description: INodeProperties[] = [
	mediaIdProperty(['download']),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { resource: ['media'], operation: ['download'] } },
	},
];

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'video/mp4': 'mp4', 'video/3gpp': '3gp',
	'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/amr': 'amr', 'application/pdf': 'pdf',
};

/** Looks the media up, downloads it with the token and returns it as an n8n binary property. */
export const execute: OperationExecute = async function (run, itemIndex) {
	const mediaId = mediaIdParam(this, itemIndex);
	const meta = await run.graph.request<{ url?: string; mime_type?: string; sha256?: string; file_size?: number; id?: string }>({
		method: 'GET',
		path: `/${segment(mediaId)}`,
		itemIndex,
	});
	if (!meta.url) throw new NodeOperationError(this.getNode(), `mediaId: the lookup of ${mediaId} returned no download URL`, { itemIndex });
	// Streamed into n8n's binary store as it arrives (a video can be 100 MB), never held whole here.
	const file = await run.graph.downloadStream({ method: 'GET', path: meta.url, itemIndex });
	const mimeType = meta.mime_type ?? file.mimeType ?? 'application/octet-stream';
	const fileName = file.fileName ?? `${mediaId}.${EXTENSIONS[mimeType.split(';')[0]] ?? 'bin'}`;
	const binary = await this.helpers.prepareBinaryData(file.stream, fileName, mimeType);
	const property = stringParam(this, 'binaryPropertyName', itemIndex, 'data');
	return {
		json: { mediaId, mimeType, sha256: meta.sha256 ?? null, fileSize: meta.file_size ?? binary.bytes ?? null, fileName },
		binary: { [property]: binary },
	};
};
