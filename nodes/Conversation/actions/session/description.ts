import type { INodeProperties } from 'n8n-workflow';

const only = (...actions: string[]) => ({ displayOptions: { show: { operation: ['session'], sessionAction: actions } } });

export const sessionProperties: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'sessionAction',
		type: 'options',
		noDataExpression: true,
		default: 'get',
		options: [
			{ name: 'Clear', value: 'clear', action: 'Clear session variables', description: 'Remove some variables, or the whole session' },
			{ name: 'Get', value: 'get', action: 'Get the session', description: 'Variables, current step, and whether the session expired' },
			{ name: 'Merge', value: 'merge', action: 'Merge into session variables', description: 'Deep-merge a JSON object into the variables' },
			{ name: 'Set', value: 'set', action: 'Set session variables', description: 'Set named variables (others are kept)' },
			{ name: 'Set Step', value: 'setStep', action: 'Set the current step', description: 'Record where the contact is in the flow' },
		],
		displayOptions: { show: { operation: ['session'] } },
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		options: [
			{
				name: 'variable',
				displayName: 'Variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'An expression may give any JSON value' },
				],
			},
		],
		...only('set'),
	},
	{
		displayName: 'Data (JSON)',
		name: 'data',
		type: 'json',
		default: '{}',
		...only('merge'),
	},
	{
		displayName: 'Variable Names',
		name: 'clearNames',
		type: 'string',
		default: '',
		placeholder: 'booking, retries',
		description: 'Comma-separated; empty clears the whole session (variables and step)',
		...only('clear'),
	},
	{
		displayName: 'Step',
		name: 'step',
		type: 'string',
		default: '',
		placeholder: 'askDate',
		...only('setStep'),
	},
	{
		displayName: 'Session Timeout (Minutes)',
		name: 'sessionTtlMinutes',
		type: 'number',
		default: 1440,
		typeOptions: { minValue: 0 },
		description: 'Idle time after which the session expires (every write starts it again); 0 never expires. An expired session reads as empty with expired: true.',
		...only('set', 'merge', 'setStep'),
	},
	{
		displayName: 'Output Field',
		name: 'outputField',
		type: 'string',
		default: 'session',
		description: 'Field of the output item that receives the session',
		displayOptions: { show: { operation: ['session'] } },
	},
];
