import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { executeItemsConcurrently } from '../../shared/concurrency';
import { describeGraphError, GraphClient } from '../../shared/graph';
import { createRun, DEFAULT_CONCURRENCY, DEFAULT_MESSAGES_PER_SECOND, withFieldErrors, type OperationExecute } from './common/run';
import { operations as media } from './media';
import { operations as message } from './message';
import { operations as template } from './template';

const resources: Record<string, Record<string, OperationExecute>> = { message, template, media };

/**
 * Runs the chosen operation for every item: concurrently (bounded), each send under the sender
 * number's rate limit, output in input order, continueOnFail per item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = resources[resource]?.[operation];
	if (!execute) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);

	const throughput = this.getNodeParameter('throughput', 0, {}) as IDataObject;
	const messagesPerSecond = Number(throughput.messagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND);
	const concurrency = Number(throughput.concurrency ?? DEFAULT_CONCURRENCY);

	const graph = await GraphClient.create(this, 'chatflowWhatsAppApi', { concurrency });
	const run = createRun(graph, messagesPerSecond);
	const output = await executeItemsConcurrently(
		this,
		async (itemIndex) => await withFieldErrors(this, itemIndex, async () => await execute.call(this, run, itemIndex)),
		{ concurrency, describeError: describeGraphError },
	);
	addWindowHint(this, output);
	return [output];
}

/** Under continueOnFail, say once what 131047 means instead of leaving users to search. */
function addWindowHint(ctx: IExecuteFunctions, output: INodeExecutionData[]): void {
	const outside = output.filter((item) => (item.json.errorDetails as IDataObject | undefined)?.code === 131047).length;
	if (outside === 0) return;
	ctx.addExecutionHints({
		message: `${outside} item(s) failed with error 131047: more than 24 hours since the customer last wrote. Send a template to these recipients instead.`,
		location: 'outputPane',
	});
}
