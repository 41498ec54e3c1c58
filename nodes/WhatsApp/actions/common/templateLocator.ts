import type { INodeProperties } from 'n8n-workflow';

export const templateProperty = (operations: string[]): INodeProperties => ({
	displayName: 'Template',
	name: 'template',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A template of the credential\'s WhatsApp Business Account',
	displayOptions: { show: { resource: ['template'], operation: operations } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
		},
		{
			displayName: 'By Name and Language',
			name: 'name',
			type: 'string',
			placeholder: 'order_update|en_US',
			hint: 'The template name and its language code, separated by |',
			validation: [{ type: 'regex', properties: { regex: '^[a-z0-9_]+\\|[A-Za-z_]+$', errorMessage: 'Use name|language, e.g. order_update|en_US' } }],
		},
	],
});
