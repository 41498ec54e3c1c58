import type { INodeProperties } from 'n8n-workflow';

import { createRouter } from '../../shared/actions';
import * as createToken from './createToken';
import * as parse from './parse';
import { openFlowResponseRun } from './tokenSecret';
import * as verifyToken from './verifyToken';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'parse',
		options: [
			{ name: 'Parse Flow Response', value: 'parse', action: 'Parse a flow response', description: 'Clean JSON from an nfm_reply' },
			{ name: 'Create Flow Token', value: 'createToken', action: 'Create a flow token', description: 'A signed, expiring token carrying a small context' },
			{ name: 'Verify Flow Token', value: 'verifyToken', action: 'Verify a flow token', description: 'Check signature and expiry, return its context' },
		],
	},
	...parse.description,
	...createToken.description,
	...verifyToken.description,
];

/**
 * The node's execute. Items run one at a time: the work is local (no platform requests) and
 * JSONata mappings are CPU-bound, so parallel items would only interleave.
 */
export const router = createRouter({
	operations: { '': { parse: parse.execute, createToken: createToken.execute, verifyToken: verifyToken.execute } },
	readRunOptions: () => ({ concurrency: 1, ratePerSecond: 0, retry: {} }),
	openRun: openFlowResponseRun,
	describeError: () => ({}),
});
