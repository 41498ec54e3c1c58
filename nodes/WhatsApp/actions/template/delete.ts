import type { INodeProperties } from 'n8n-workflow';

import { requireText } from '../../../shared/fields';
import { businessAccountId, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';

const show = { resource: ['template'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		default: '',
		required: true,
		description: 'Deletes the template in every language',
		displayOptions: { show },
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		description: 'Set to delete only the one language version with this ID (hsm_id)',
		displayOptions: { show },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const name = requireText('templateName', stringParam(this, 'templateName', itemIndex)).trim();
	const id = stringParam(this, 'templateId', itemIndex).trim();
	const waba = businessAccountId(this, run, itemIndex);
	const response = await run.graph.request({
		method: 'DELETE',
		path: `/${waba}/message_templates`,
		qs: id ? { name, hsm_id: id } : { name },
		itemIndex,
	});
	return { deleted: response.success === true, name, ...(id ? { id } : {}), response };
};
