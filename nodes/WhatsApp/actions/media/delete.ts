import type { INodeProperties } from 'n8n-workflow';

import { segment } from '../../../shared/graph';
import type { OperationExecute } from '../common/run';
import { mediaIdParam, mediaIdProperty } from './mediaId';

export const description: INodeProperties[] = [mediaIdProperty(['delete'])];

export const execute: OperationExecute = async function (run, itemIndex) {
	const mediaId = mediaIdParam(this, itemIndex);
	const response = await run.graph.request({ method: 'DELETE', path: `/${segment(mediaId)}`, itemIndex });
	return { deleted: response.success === true, mediaId, response };
};
