import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Parameters every chatflow trigger shares; each trigger adds its own event list. */

/** A registration mode beyond Manual and Automatic, with the notice shown when it is selected. */
export interface RegistrationMode {
	option: INodePropertyOptions;
	help: string;
	/** Parameters only this mode needs, shown when it is selected. */
	properties?: INodeProperties[];
}

export function registrationProperty(manualHelp: string, automaticHelp: string, extraModes: RegistrationMode[] = []): INodeProperties[] {
	return [
		{
			displayName: 'Registration',
			name: 'registration',
			type: 'options',
			options: [
				{
					name: 'Manual',
					value: 'manual',
					description: 'You paste the URL into the platform yourself; activation changes nothing there',
				},
				{
					name: 'Automatic',
					value: 'automatic',
					description: 'Activation subscribes this URL, deactivation removes only what it added',
				},
				...extraModes.map((mode) => mode.option),
			],
			default: 'manual',
		},
		{
			displayName: manualHelp,
			name: 'manualNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { registration: ['manual'] } },
		},
		{
			displayName: automaticHelp,
			name: 'automaticNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { registration: ['automatic'] } },
		},
		...extraModes.flatMap((mode) => [
			{
				displayName: mode.help,
				name: `${String(mode.option.value)}Notice`,
				type: 'notice' as const,
				default: '',
				displayOptions: { show: { registration: [mode.option.value] } },
			},
			...(mode.properties ?? []),
		]),
	];
}

export function eventsProperty(options: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options,
		default: [],
		description: 'Which events start the workflow, each event one item; none selected means all',
	};
}

export const messageTypesProperty: INodeProperties = {
	displayName: 'Message Types',
	name: 'messageTypes',
	type: 'multiOptions',
	// eslint-disable-next-line n8n-nodes-base/node-param-multi-options-type-unsorted-items
	options: [
		{ name: 'Text', value: 'text' },
		{ name: 'Media (Image, Video, Audio, Document, Sticker)', value: 'media' },
		{ name: 'Reply (Button, List, Quick Reply, Postback)', value: 'reply' },
		{ name: 'Flow Response', value: 'flowResponse' },
		{ name: 'Location', value: 'location' },
		{ name: 'Contacts', value: 'contacts' },
		{ name: 'Reaction', value: 'reaction' },
		{ name: 'Order', value: 'order' },
		{ name: 'Other (System, URL, Unsupported, Unknown)', value: 'other' },
	],
	default: [],
	description: 'Only messages of these types start the workflow; none selected means all',
};

export function accountIdsProperty(displayName: string, description: string): INodeProperties {
	return { displayName, name: 'accountIds', type: 'string', default: '', description, placeholder: 'e.g. 106540352242922' };
}

export const downloadMediaProperties: INodeProperties[] = [
	{
		displayName: 'Download Media',
		name: 'downloadMedia',
		type: 'boolean',
		default: false,
		description: 'Whether to download inbound media into a binary property of the item',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryProperty',
		type: 'string',
		default: 'data',
		displayOptions: { show: { downloadMedia: [true] } },
		hint: 'The name of the output binary field to put the file in',
	},
	{
		displayName: 'Max Media Size (MB)',
		name: 'maxMediaSizeMb',
		type: 'number',
		default: 100,
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		displayOptions: { show: { downloadMedia: [true] } },
		description: 'Larger files are not downloaded: the item carries mediaError instead. WhatsApp media is at most 100 MB.',
	},
];

export const triggerOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'De-Duplication Window (Minutes)',
			name: 'dedupeWindowMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1440,
			description:
				'A redelivered event (same message ID, or same status of a message) within this window starts no second execution. 0 turns de-duplication off. Kept in Redis when a State Store credential is selected, in this n8n process otherwise.',
		},
		{
			displayName: 'If the State Store Is Unreachable',
			name: 'whenStoreUnreachable',
			type: 'options',
			default: 'pass',
			options: [
				{
					name: 'Let Events Through',
					value: 'pass',
					description: 'Every event starts an execution at once; a redelivery during the outage runs twice',
				},
				{
					name: 'Refuse the Delivery',
					value: 'refuse',
					description: 'Answer 503 so the platform delivers again later (Meta retries for days): nothing runs twice, events wait for Redis',
				},
			],
			description: 'What a delivery does while the Redis of the State Store credential cannot be reached',
		},
		{
			displayName: 'Max Body Size (KB)',
			name: 'maxBodySizeKb',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 4096,
			description: 'Larger deliveries are refused with HTTP 413',
		},
	],
};

export interface TriggerPropertyTexts {
	/** Notice shown for manual registration: where to paste the URL. */
	manualHelp: string;
	/** Notice shown for automatic registration: what activation changes. */
	automaticHelp: string;
	/** Registration modes only this channel has (WhatsApp's callback overrides). */
	registrationModes?: RegistrationMode[];
	events: INodePropertyOptions[];
	/** Channel-specific parameters placed after the event list (e.g. WhatsApp statuses). */
	afterEvents?: INodeProperties[];
	/** Account routing filter; omitted on Viber, whose callbacks name no bot. */
	accountIds?: { displayName: string; description: string };
	/** Placed before the options collection (e.g. Viber's welcome message). */
	extra?: INodeProperties[];
}

/** The parameter list of a chatflow trigger, in the order every trigger shows it. */
export function triggerProperties(texts: TriggerPropertyTexts): INodeProperties[] {
	return [
		...registrationProperty(texts.manualHelp, texts.automaticHelp, texts.registrationModes),
		eventsProperty(texts.events),
		...(texts.afterEvents ?? []),
		messageTypesProperty,
		...(texts.accountIds ? [accountIdsProperty(texts.accountIds.displayName, texts.accountIds.description)] : []),
		...(texts.extra ?? []),
		...downloadMediaProperties,
		triggerOptionsProperty,
	];
}
