import type { INodeProperties } from 'n8n-workflow';

import { segment } from '../../../shared/graph';
import type { OperationExecute } from '../common/run';
import { mediaIdParam, mediaIdProperty } from './mediaId';

export const description: INodeProperties[] = [mediaIdProperty(['getUrl'])];

/** `{ url, mime_type, sha256, file_size, id }`; the URL works for 5 minutes and needs the token. */
export const execute: OperationExecute = async function (run, itemIndex) {
	return await run.graph.request({ method: 'GET', path: `/${segment(mediaIdParam(this, itemIndex))}`, itemIndex });
};
