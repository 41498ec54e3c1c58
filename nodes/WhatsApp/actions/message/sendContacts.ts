import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { contactsMessage, type ContactInput } from '../../builders';
import { envelopeOptions, stringParam } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { sendMessage } from '../common/send';

const show = { resource: ['message'], operation: ['sendContacts'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add contact',
		displayOptions: { show },
		options: [
			{
				displayName: 'Contact',
				name: 'contact',
				values: [
					{
						displayName: 'Birthday',
						name: 'birthday',
						type: 'string',
						default: '',
						placeholder: 'YYYY-MM-DD',
					},
					{
						displayName: 'Company',
						name: 'company',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
					},
					{
						displayName: 'First Name',
						name: 'firstName',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Formatted Name',
						name: 'formattedName',
						type: 'string',
						default: '',
							required:	true,
						description: 'The full name as shown',
					},
					{
						displayName: 'Job Title',
						name: 'title',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Last Name',
						name: 'lastName',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Phone',
						name: 'phone',
						type: 'string',
						default: '',
						placeholder: '+15551234567',
					},
					{
						displayName: 'Phone Type',
						name: 'phoneType',
						type: 'options',
						default: 'CELL',
						options: [
							{
								name: 'Cell',
								value: 'CELL',
							},
							{
								name: 'Home',
								value: 'HOME',
							},
							{
								name: 'Main',
								value: 'MAIN',
							},
							{
								name: 'Work',
								value: 'WORK',
							},
						]
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
					},
					{
						displayName: 'WhatsApp ID',
						name: 'waId',
						type: 'string',
						default: '',
						description: 'Adds a \'Message\' button for this WhatsApp user',
					},
			],
			},
		],
	},
];

function toContact(entry: IDataObject): ContactInput {
	const text = (name: string) => (entry[name] ? String(entry[name]) : undefined);
	return {
		formattedName: text('formattedName') ?? '',
		firstName: text('firstName'),
		lastName: text('lastName'),
		phones: text('phone') ? [{ phone: text('phone')!, type: text('phoneType'), waId: text('waId') }] : undefined,
		emails: text('email') ? [{ email: text('email')! }] : undefined,
		organization: text('company') || text('title') ? { company: text('company'), title: text('title') } : undefined,
		urls: text('url') ? [{ url: text('url')! }] : undefined,
		birthday: text('birthday'),
	};
}

export const execute: OperationExecute = async function (run, itemIndex) {
	const entries = ((this.getNodeParameter('contacts', itemIndex, {}) as IDataObject).contact ?? []) as IDataObject[];
	return await sendMessage(this, run, itemIndex, () =>
		contactsMessage(stringParam(this, 'to', itemIndex), entries.map(toContact), envelopeOptions(this, itemIndex)),
	);
};
