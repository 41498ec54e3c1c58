import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { businessAccountId } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { listAll, TEMPLATE_FIELDS } from '../common/templates';

const show = { resource: ['template'], operation: ['list'] };

export const description: INodeProperties[] = [
	{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit', displayOptions: { show } },
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Name Contains', name: 'name', type: 'string', default: '' },
			{ displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'en_US' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'APPROVED',
				options: [
					{ name: 'Approved', value: 'APPROVED' },
					{ name: 'Paused', value: 'PAUSED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Rejected', value: 'REJECTED' },
				],
			},
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				default: 'MARKETING',
				options: [
					{ name: 'Authentication', value: 'AUTHENTICATION' },
					{ name: 'Marketing', value: 'MARKETING' },
					{ name: 'Utility', value: 'UTILITY' },
				],
			},
		],
	},
];

/** One output item per template (the per-item runner spreads the returned list). */
export const execute: OperationExecute = async function (run, itemIndex) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { fields: TEMPLATE_FIELDS, limit: Math.min(limit ?? 100, 100) };
	for (const key of ['name', 'language', 'status', 'category']) if (filters[key]) qs[key] = filters[key];
	const waba = businessAccountId(this, run, itemIndex);
	const templates = await listAll(run.graph, `/${waba}/message_templates`, qs, limit, itemIndex);
	return templates;
};
