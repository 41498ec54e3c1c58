import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { listMessage, type ListSection } from '../../builders';
import { bodyFooterProperties, headerProperties } from '../common/descriptions';
import { interactiveFrame } from '../common/frame';
import { envelopeOptions, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { sendMessage } from '../common/send';

const resource = ['message'];
const operation = ['sendList'];

export const description: INodeProperties[] = [
	...headerProperties(resource, operation, false),
	...bodyFooterProperties(resource, operation),
	{
		displayName: 'Button Label',
		name: 'listButton',
		type: 'string',
		default: 'Choose',
		required: true,
		description: 'Label of the button that opens the list (≤20 characters)',
		displayOptions: { show: { resource, operation } },
	},
	{
		displayName: 'Rows',
		name: 'rows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Row' },
		default: {},
		description:
			'Up to 10 rows in total. Rows with the same Section Title form one section (up to 10 sections; titles are required when there is more than one).',
		displayOptions: { show: { resource, operation } },
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{ displayName: 'Section Title', name: 'section', type: 'string', default: '', description: '≤24 characters' },
					{ displayName: 'ID', name: 'id', type: 'string', default: '', required: true, description: 'Returned when chosen (≤200 characters, unique)' },
					{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, description: '≤24 characters' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '', description: '≤72 characters' },
				],
			},
		],
	},
];

/** Consecutive or not, rows sharing a section title form one section, in first-seen order. */
export function groupRows(rows: Array<{ section?: string; id: string; title: string; description?: string }>): ListSection[] {
	const sections = new Map<string, ListSection>();
	for (const row of rows) {
		const title = (row.section ?? '').trim();
		const section = sections.get(title) ?? { title: title || undefined, rows: [] };
		section.rows.push({ id: row.id, title: row.title, description: row.description });
		sections.set(title, section);
	}
	return [...sections.values()];
}

export const execute: OperationExecute = async function (run, itemIndex) {
	const rows = ((this.getNodeParameter('rows', itemIndex, {}) as IDataObject).row ?? []) as Array<{ section?: string; id: string; title: string; description?: string }>;
	return await sendMessage(this, run, itemIndex, () =>
		listMessage(
			stringParam(this, 'to', itemIndex),
			{ ...interactiveFrame(this, itemIndex), button: stringParam(this, 'listButton', itemIndex), sections: groupRows(rows) },
			envelopeOptions(this, itemIndex),
		),
	);
};
