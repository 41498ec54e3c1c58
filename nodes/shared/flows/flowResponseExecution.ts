import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { executeItemsConcurrently } from '../concurrency';
import { FLOWS_ENDPOINT_CREDENTIAL, readFlowsCredential } from './credential';
import { tokenProblem } from './endpoint';
import { createFlowToken, verifyFlowToken } from './flowToken';
import { parseFlowResponse } from './flowResponse';

/** The Flow response node: parse a Flow's answer, create a flow token, verify a flow token. */
export async function runFlowResponseNode(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = ctx.getNodeParameter('operation', 0) as 'parse' | 'createToken' | 'verifyToken';
	const needsSecret = operation !== 'parse' || (ctx.getNodeParameter('verifyToken', 0, false) as boolean);
	const tokenSecret = needsSecret ? await readTokenSecret(ctx) : undefined;
	const items = ctx.getInputData();

	const output = await executeItemsConcurrently(
		ctx,
		async (itemIndex) => {
			const json = items[itemIndex].json;
			if (operation === 'createToken') return { ...json, ...createToken(ctx, itemIndex, tokenSecret!) };
			if (operation === 'verifyToken') return { ...json, ...verifyToken(ctx, itemIndex, tokenSecret!) };
			const options = ctx.getNodeParameter('options', itemIndex, {}) as { onInvalidToken?: 'error' | 'flag' };
			return (await parseFlowResponse(json, {
				foldBuilderKeys: ctx.getNodeParameter('foldBuilderKeys', itemIndex, true) as boolean,
				tokenSecret,
				onInvalidToken: options.onInvalidToken ?? 'error',
				jsonata: ctx.getNodeParameter('jsonata', itemIndex, '') as string,
			})) as IDataObject;
		},
		{ concurrency: 1 },
	);
	return [output];
}

async function readTokenSecret(ctx: IExecuteFunctions): Promise<string> {
	const { tokenSecret } = readFlowsCredential(await ctx.getCredentials(FLOWS_ENDPOINT_CREDENTIAL));
	if (tokenSecret === '') {
		throw new NodeOperationError(ctx.getNode(), 'Flow Token Secret is empty in the credential: set it to create or verify flow tokens');
	}
	return tokenSecret;
}

function createToken(ctx: IExecuteFunctions, itemIndex: number, secret: string): IDataObject {
	const raw = ctx.getNodeParameter('context', itemIndex, '{}') as unknown;
	let context: unknown = raw;
	if (typeof raw === 'string') {
		try {
			context = JSON.parse(raw === '' ? '{}' : raw);
		} catch {
			throw new NodeOperationError(ctx.getNode(), 'Context (JSON): is not valid JSON', { itemIndex });
		}
	}
	if (typeof context !== 'object' || context === null || Array.isArray(context)) {
		throw new NodeOperationError(ctx.getNode(), 'Context (JSON): must be a JSON object', { itemIndex });
	}
	const ttl = ctx.getNodeParameter('expiresIn', itemIndex, 86400) as number;
	try {
		return { flowToken: createFlowToken(secret, context as IDataObject, ttl) };
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
	}
}

function verifyToken(ctx: IExecuteFunctions, itemIndex: number, secret: string): IDataObject {
	const token = ctx.getNodeParameter('token', itemIndex, '') as string;
	const check = verifyFlowToken(secret, token);
	const onInvalid = ctx.getNodeParameter('onInvalidToken', itemIndex, 'error') as string;
	if (check.status !== 'ok' && onInvalid === 'error') {
		throw new NodeOperationError(ctx.getNode(), `Token: ${tokenProblem(check)}`, { itemIndex });
	}
	return {
		token: {
			status: check.status,
			context: 'context' in check && check.status === 'ok' ? (check.context as IDataObject) : null,
			expiresAt: 'expiresAt' in check ? check.expiresAt : null,
		},
	};
}
