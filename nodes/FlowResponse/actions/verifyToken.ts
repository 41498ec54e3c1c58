import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../shared/actions';
import { tokenProblem, verifyFlowToken } from '../../shared/flows';
import { ON_INVALID_TOKEN, secretOf, type FlowResponseRun } from './tokenSecret';

const show = { operation: ['verifyToken'] };

/** Verify Flow Token: signature and expiry checked, its context added to the item. */
export const description: INodeProperties[] = [
	{
		displayName: 'Token',
		name: 'token',
		// eslint-disable-next-line n8n-nodes-base/node-param-type-options-password-missing -- a flow token is not a secret: it travels in the Flow message
		type: 'string',
		default: '={{ $json.flowToken }}',
		displayOptions: { show },
	},
	{
		displayName: 'On Invalid Token',
		name: 'onInvalidToken',
		type: 'options',
		default: 'error',
		options: ON_INVALID_TOKEN,
		displayOptions: { show },
	},
];

export const execute: OperationExecute<FlowResponseRun> = async function (run, itemIndex) {
	const check = verifyFlowToken(secretOf(run), this.getNodeParameter('token', itemIndex, '') as string);
	const onInvalid = this.getNodeParameter('onInvalidToken', itemIndex, 'error') as string;
	if (check.status !== 'ok' && onInvalid === 'error') {
		throw new NodeOperationError(this.getNode(), `Token: ${tokenProblem(check)}`, { itemIndex });
	}
	const token: IDataObject = {
		status: check.status,
		context: 'context' in check && check.status === 'ok' ? (check.context as IDataObject) : null,
		expiresAt: 'expiresAt' in check ? check.expiresAt : null,
	};
	return { ...this.getInputData()[itemIndex].json, token };
};
