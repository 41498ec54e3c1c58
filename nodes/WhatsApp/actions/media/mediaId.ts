import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireText } from '../../../shared/fields';
import { stringParam } from '../common/parameters';

export const mediaIdProperty = (operations: string[]): INodeProperties => ({
	displayName: 'Media ID',
	name: 'mediaId',
	type: 'string',
	default: '',
	required: true,
	// The expression in this text is copied into fields: n8n expressions are case-sensitive, so
	// $json and .id stay lower case whatever the casing rules for "JSON" and "ID" in prose say.
	// eslint-disable-next-line n8n-nodes-base/node-param-description-miscased-id, n8n-nodes-base/node-param-description-miscased-json
	description: 'From an upload, or from an incoming message (e.g. {{ $json.media.id }}). Media IDs of incoming messages expire after 30 days.',
	displayOptions: { show: { resource: ['media'], operation: operations } },
});

export function mediaIdParam(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireText('mediaId', stringParam(ctx, 'mediaId', itemIndex)).trim();
}
