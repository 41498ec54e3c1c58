import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../shared/actions';
import { parseFlowResponse } from '../parsing/parseFlowResponse';
import { ON_INVALID_TOKEN, type FlowResponseRun } from './tokenSecret';

const show = { operation: ['parse'] };

/** Parse Flow Response: clean JSON from an nfm_reply, token verified, builder keys folded, mapped. */
export const description: INodeProperties[] = [
	{
		displayName: 'Fold Builder Keys',
		name: 'foldBuilderKeys',
		type: 'boolean',
		default: true,
		description: 'Whether to turn builder names like screen_1_TextInput_1 into text_input and option IDs like 0_Yes into Yes (the raw answer stays in rawResponse)',
		displayOptions: { show },
	},
	{
		displayName: 'Verify Flow Token',
		name: 'verifyToken',
		type: 'boolean',
		default: false,
		description: 'Whether to verify the flow_token with the credential\'s Flow Token Secret and output its context',
		displayOptions: { show },
	},
	{
		// Token operations always need the secret; this hidden twin turns the credential on for them.
		displayName: 'Verify Flow Token',
		name: 'verifyToken',
		type: 'hidden',
		default: true,
		displayOptions: { show: { operation: ['createToken', 'verifyToken'] } },
	},
	{
		displayName: 'JSONata Expression',
		name: 'jsonata',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: '{ "email": response.email, "journey": context.journey }',
		description: 'Optional: maps the clean answer ({ response, flowToken, context, from, replyTo }) into the shape the next system needs',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { ...show, verifyToken: [true] } },
		options: [
			{
				displayName: 'On Invalid Token',
				name: 'onInvalidToken',
				type: 'options',
				default: 'error',
				options: ON_INVALID_TOKEN,
			},
		],
	},
];

export const execute: OperationExecute<FlowResponseRun> = async function (run, itemIndex) {
	const options = this.getNodeParameter('options', itemIndex, {}) as { onInvalidToken?: 'error' | 'flag' };
	return (await parseFlowResponse(this.getInputData()[itemIndex].json, {
		foldBuilderKeys: this.getNodeParameter('foldBuilderKeys', itemIndex, true) as boolean,
		tokenSecret: run.tokenSecret,
		onInvalidToken: options.onInvalidToken ?? 'error',
		jsonata: this.getNodeParameter('jsonata', itemIndex, '') as string,
	})) as IDataObject;
};
