import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../shared/actions';
import * as createToken from './createToken';
import * as parse from './parse';
import type { FlowResponseRun } from './tokenSecret';
import * as verifyToken from './verifyToken';

/** The node's one operation list (no resource parameter, so the router knows it as resource ''). */
export const operations: Record<string, OperationExecute<FlowResponseRun>> = {
	parse: parse.execute,
	createToken: createToken.execute,
	verifyToken: verifyToken.execute,
};

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
