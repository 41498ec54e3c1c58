import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { flowLocatorProperty, readFlowId } from '../../../shared/flows/picker';

/** The operations that act on one Flow, named by its ID. */
const ON_ONE_FLOW = ['update', 'uploadJson', 'publish', 'deprecate', 'delete', 'get', 'preview', 'metrics'];

export const flowIdProperty: INodeProperties = flowLocatorProperty({
	displayName: 'Flow',
	name: 'flowId',
	required: true,
	displayOptions: { show: { operation: ON_ONE_FLOW } },
});

/** The "Flow" parameter's Flow ID, checked before any request. */
export function flowIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return readFlowId(ctx, 'flowId', 'Flow ID', itemIndex);
}
