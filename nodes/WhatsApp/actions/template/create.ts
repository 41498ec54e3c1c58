import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { jsonObject, MessageFieldError } from '../../../shared/fields';
import { businessAccountId } from '../common/parameters';
import type { OperationExecute } from '../common/run';

const show = { resource: ['template'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Template JSON',
		name: 'templateJson',
		type: 'json',
		default: '{\n  "name": "order_update",\n  "language": "en_US",\n  "category": "UTILITY",\n  "components": [\n    { "type": "BODY", "text": "Hi {{1}}, your order {{2}} is on its way.", "example": { "body_text": [["Ada", "#1234"]] } }\n  ]\n}',
		required: true,
		description: 'The template as Meta\'s API takes it: name, language, category, components (and parameter_format for named parameters)',
		displayOptions: { show },
	},
];

export const execute: OperationExecute = async function (run, itemIndex) {
	const template = jsonObject('templateJson', this.getNodeParameter('templateJson', itemIndex));
	if (!template) throw new MessageFieldError('templateJson', 'is required');
	for (const key of ['name', 'language', 'category']) {
		if (!template[key]) throw new MessageFieldError(`templateJson.${key}`, 'is required');
	}
	if (!Array.isArray(template.components)) throw new MessageFieldError('templateJson.components', 'must be an array');
	const waba = businessAccountId(this, run, itemIndex);
	// Creating twice would give a duplicate-name error, not a second template: not idempotent, so not retried blindly.
	return await run.graph.request({ method: 'POST', path: `/${waba}/message_templates`, body: template as IDataObject, itemIndex });
};
