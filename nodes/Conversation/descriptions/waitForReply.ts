import type { INodeProperties } from 'n8n-workflow';

const show = { displayOptions: { show: { operation: ['waitForReply'] } } };

export const waitForReplyProperties: INodeProperties[] = [
	{
		displayName:
			'The execution waits here until the contact\'s next message on this channel and account reaches the Chatflow trigger; that message is this node\'s output.',
		name: 'waitNotice',
		type: 'notice',
		default: '',
		...show,
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'How long to wait before the "Timed Out" output fires; 0 waits without limit. n8n checks timeouts every minute.',
		...show,
	},
	{
		displayName: 'Timeout Unit',
		name: 'timeoutUnit',
		type: 'options',
		default: 'minutes',
		options: [
			{ name: 'Seconds', value: 'seconds' },
			{ name: 'Minutes', value: 'minutes' },
			{ name: 'Hours', value: 'hours' },
			{ name: 'Days', value: 'days' },
		],
		...show,
	},
	{
		displayName: 'Accept Message Types',
		name: 'acceptTypes',
		type: 'multiOptions',
		default: [],
		description: 'Replies of other types are not accepted; none selected accepts any type',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Document', value: 'document' },
			{ name: 'Flow Response', value: 'flowResponse' },
			{ name: 'Image', value: 'image' },
			{ name: 'Location', value: 'location' },
			{ name: 'Reply (Button, List, Quick Reply, Postback)', value: 'reply' },
			{ name: 'Sticker', value: 'sticker' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video' },
		],
		...show,
	},
	{
		displayName: 'Accept Reply IDs',
		name: 'acceptReplyIds',
		type: 'string',
		default: '',
		placeholder: 'book, prices',
		description: 'Comma-separated button, list row, quick reply or postback IDs; other replies are not accepted. Empty accepts any.',
		...show,
	},
	{
		displayName: 'When a Reply Is Not Accepted',
		name: 'whenNotAccepted',
		type: 'options',
		default: 'branch',
		options: [
			{
				name: 'Output on "Not Accepted" (Re-Prompt)',
				value: 'branch',
				description: 'Connect it to a message asking again, then back to this node',
			},
			{ name: 'Pass Through (Flagged)', value: 'passThrough', description: 'Output on "Reply" with accepted: false' },
			{ name: 'Ignore and Keep Waiting', value: 'keepWaiting', description: 'The message is dropped; the wait goes on' },
		],
		...show,
	},
	{
		displayName: 'Maximum Retries',
		name: 'maxRetries',
		type: 'number',
		default: 3,
		typeOptions: { minValue: 0 },
		description: 'Not-accepted replies allowed; the next one goes to "Timed Out" with reason "maxRetries"',
		displayOptions: { show: { operation: ['waitForReply'], whenNotAccepted: ['branch', 'keepWaiting'] } },
	},
];
