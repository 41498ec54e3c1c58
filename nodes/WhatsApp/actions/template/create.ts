import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { jsonObject, MessageFieldError } from '../../../shared/fields';
import { buildTemplateDefinition } from '../../builders';
import { businessAccountId, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { createFieldsDescription, readCreateFields } from './createFields';

const show = { resource: ['template'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Define With',
		name: 'definedWith',
		type: 'options',
		// JSON stays the default: workflows saved before the fields existed carry no value here and must keep sending their JSON.
		default: 'json',
		options: [
			{ name: 'Fields', value: 'fields', description: 'Header, body, footer, buttons, carousel cards or an authentication code, with Meta\'s limits checked before the request' },
			{ name: 'Template JSON', value: 'json', description: 'The template as Meta\'s API takes it, for every other kind' },
		],
		displayOptions: { show },
	},
	...createFieldsDescription,
	{
		displayName: 'Template JSON',
		name: 'templateJson',
		type: 'json',
		default: '{\n  "name": "order_update",\n  "language": "en_US",\n  "category": "UTILITY",\n  "components": [\n    { "type": "BODY", "text": "Hi {{1}}, your order {{2}} is on its way.", "example": { "body_text": [["Ada", "#1234"]] } }\n  ]\n}',
		required: true,
		description: 'The template as Meta\'s API takes it: name, language, category, components (and parameter_format for named parameters)',
		displayOptions: { show: { ...show, definedWith: ['json'] } },
	},
];

function templateFromJson(json: unknown): IDataObject {
	const template = jsonObject('templateJson', json);
	if (!template) throw new MessageFieldError('templateJson', 'is required');
	for (const key of ['name', 'language', 'category']) {
		if (!template[key]) throw new MessageFieldError(`templateJson.${key}`, 'is required');
	}
	if (!Array.isArray(template.components)) throw new MessageFieldError('templateJson.components', 'must be an array');
	return template as IDataObject;
}

export const execute: OperationExecute = async function (run, itemIndex) {
	const template =
		stringParam(this, 'definedWith', itemIndex, 'json') === 'fields'
			? (buildTemplateDefinition(readCreateFields(this, itemIndex)) as IDataObject)
			: templateFromJson(this.getNodeParameter('templateJson', itemIndex));
	const waba = businessAccountId(this, run, itemIndex);
	// Creating twice would give a duplicate-name error, not a second template: not idempotent, so not retried blindly.
	return await run.graph.request({ method: 'POST', path: `/${waba}/message_templates`, body: template, itemIndex });
};
