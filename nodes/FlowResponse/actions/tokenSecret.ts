import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { FLOWS_ENDPOINT_CREDENTIAL, readFlowsCredential } from '../../shared/flows/credential';
import { GraphClient } from '../../shared/graph';

/**
 * What every item of a run shares: the credential's Flow Token Secret, when the operation needs
 * it, and the WhatsApp client when the answer's files are downloaded.
 */
export interface FlowResponseRun {
	tokenSecret?: string;
	graph?: GraphClient;
}

export const ON_INVALID_TOKEN = [
	{ name: 'Fail the Item', value: 'error' },
	{ name: 'Keep the Item, Flag It', value: 'flag' },
];

/** Token operations always need the secret; parsing only when asked to verify the token. */
export async function openFlowResponseRun(ctx: IExecuteFunctions): Promise<FlowResponseRun> {
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const downloads = operation === 'parse' && (ctx.getNodeParameter('downloadFiles', 0, false) as boolean);
	const graph = downloads ? await GraphClient.create(ctx, 'chatflowWhatsAppApi') : undefined;
	const needsSecret = operation !== 'parse' || (ctx.getNodeParameter('verifyToken', 0, false) as boolean);
	if (!needsSecret) return { graph };
	const { tokenSecret } = readFlowsCredential(await ctx.getCredentials(FLOWS_ENDPOINT_CREDENTIAL));
	if (tokenSecret === '') {
		throw new NodeOperationError(ctx.getNode(), 'Flow Token Secret is empty in the credential: set it to create or verify flow tokens');
	}
	return { tokenSecret, graph };
}

/** The secret of a run opened for a token operation (openFlowResponseRun guarantees it). */
export function secretOf(run: FlowResponseRun): string {
	return run.tokenSecret as string;
}
