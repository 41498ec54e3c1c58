import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireText } from '../../../shared/fields';
import { stringParam } from '../common/parameters';

export const mediaIdProperty = (operations: string[]): INodeProperties => ({
	displayName: 'Media ID',
	name: 'mediaId',
	type: 'string',
	default: '',
	required: true,
	description: 'From an upload, or from an incoming message (e.g. {{ $JSON.message.image.ID }}). Media IDs of incoming messages expire after 30 days.',
	displayOptions: { show: { resource: ['media'], operation: operations } },
});

export function mediaIdParam(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireText('mediaId', stringParam(ctx, 'mediaId', itemIndex)).trim();
}
