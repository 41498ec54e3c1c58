import type { INodeProperties } from 'n8n-workflow';

import { KEEP_RUNNING_DEFAULT_SECONDS } from './settings';

const show = { displayOptions: { show: { operation: ['waitForReply'] } } };

/**
 * How long the execution keeps running while it waits before n8n saves it as waiting: 0 in
 * version 1 (saved at once, as before), 30 seconds from version 2.
 */
function keepRunningProperties(): INodeProperties[] {
	const property = (defaultSeconds: number, versions: unknown): INodeProperties => ({
		displayName: 'Keep Execution Running (Seconds)',
		name: 'keepRunningSeconds',
		type: 'number',
		default: defaultSeconds,
		typeOptions: { minValue: 0 },
		description:
			'A reply within this time continues the running execution at once, costing n8n no save and reload; later the execution is saved as waiting. In queue mode each running wait holds a worker slot: raise the workers\' concurrency or lower this. 0 saves at once.',
		displayOptions: { show: { operation: ['waitForReply'], '@version': versions as number[] } },
	});
	return [property(0, [1]), property(KEEP_RUNNING_DEFAULT_SECONDS, [{ _cnd: { gte: 2 } }])];
}

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
	...keepRunningProperties(),
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
