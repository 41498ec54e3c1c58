import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { graphOf, type OperationExecute } from '../common/run';

/** List: the Flows of the WhatsApp Business Account, page by page. */
export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { operation: ['list'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { operation: ['list'], returnAll: [false] } },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const graph = graphOf(this, run);
	const wabaId = graph.field('businessAccountId');
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const flows: IDataObject[] = [];
	let after: string | undefined;
	do {
		const page = await graph.request<{ data?: IDataObject[]; paging?: { cursors?: { after?: string }; next?: string } }>({
			method: 'GET',
			path: `/${wabaId}/flows`,
			qs: { limit: Math.min(100, limit - flows.length), ...(after ? { after } : {}) },
			itemIndex,
		});
		flows.push(...(page.data ?? []));
		after = page.paging?.next ? page.paging.cursors?.after : undefined;
	} while (after && flows.length < limit);
	return flows.slice(0, limit);
};
