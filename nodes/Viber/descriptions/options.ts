import type { INodeProperties } from 'n8n-workflow';

/** Settings shared by every operation: delivery details and how hard to push the account. */
export const optionFields: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Items in Parallel',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 5,
				description: 'How many items are sent at once; output order always follows input order',
			},
			{
				displayName: 'Max Retries on Too Many Requests',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 4,
				description: 'How often an answer with status 12 (tooManyRequests) is retried, with growing waits',
			},
			{
				displayName: 'Messages per Second',
				name: 'ratePerSecond',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 20,
				description: 'Upper bound of requests per second for this bot across items and executions; 0 disables the limit',
			},
			{
				displayName: 'Minimum API Version',
				name: 'minApiVersion',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'Lowest Viber client API version that should receive the message; raised automatically for features that need it',
				displayOptions: { show: { '/resource': ['message'] } },
			},
			{
				displayName: 'Retry Delay (Ms)',
				name: 'retryDelayMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1000,
				description: 'Wait before the first retry after status 12 (between half and all of it at random; later retries up to twice it). The whole bot pauses as long and then sends at a lower rate that recovers.',
			},
			{
				displayName: 'Sender Avatar URL',
				name: 'senderAvatar',
				type: 'string',
				default: '',
				description: "Overrides the credential's sender avatar for this message",
				displayOptions: { show: { '/resource': ['message'] } },
			},
			{
				displayName: 'Sender Name',
				name: 'senderName',
				type: 'string',
				default: '',
				description: "Overrides the credential's sender name for this message (at most 28 characters)",
				displayOptions: { show: { '/resource': ['message'] } },
			},
			{
				displayName: 'Tracking Data',
				name: 'trackingData',
				type: 'string',
				default: '',
				description: "Up to 4000 characters that come back with the user's reply (e.g. a flow step)",
				displayOptions: { show: { '/resource': ['message'] } },
			},
		],
	},
];
