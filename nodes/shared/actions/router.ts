import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { executeItemsConcurrently } from '../concurrency';
import { toNodeError } from './fieldErrors';
import type { Operations } from './operation';
import type { RunOptions } from './runOptions';

export interface RouterConfig<Run> {
	operations: Operations<Run>;
	/** This execution's run options (each node version reads its own parameters). */
	readRunOptions(ctx: IExecuteFunctions): RunOptions;
	/** What every item shares, opened once per execution (a platform client, limiters, caches). */
	openRun(ctx: IExecuteFunctions, options: RunOptions): Promise<Run>;
	/** Extra JSON of a failed item under "Continue On Fail" (see ./failedItem). */
	describeError(ctx: IExecuteFunctions, error: unknown): IDataObject;
	/** Called with every item's output, e.g. to add an execution hint. */
	afterRun?(ctx: IExecuteFunctions, output: INodeExecutionData[]): void;
}

/**
 * The `execute` of an action node: the chosen operation for every item, concurrently (bounded by
 * the run options), output in input order, `continueOnFail` per item, every error naming its
 * item (and a field check's error its field). The operation is the node's for the whole run.
 */
export function createRouter<Run>(config: RouterConfig<Run>) {
	return async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = String(this.getNodeParameter('resource', 0, '') ?? '');
		const operation = String(this.getNodeParameter('operation', 0) ?? '');
		const execute = config.operations[resource]?.[operation];
		if (!execute) {
			const what = resource ? `"${operation}" of "${resource}"` : `"${operation}"`;
			throw new NodeOperationError(this.getNode(), `The operation ${what} is not supported by this version of the node`);
		}
		const options = config.readRunOptions(this);
		const run = await config.openRun(this, options);
		const output = await executeItemsConcurrently(
			this,
			async (itemIndex) => {
				try {
					return await execute.call(this, run, itemIndex);
				} catch (error) {
					throw toNodeError(this.getNode(), error, itemIndex);
				}
			},
			{ concurrency: options.concurrency, describeError: (error) => config.describeError(this, error) },
		);
		config.afterRun?.(this, output);
		return [output];
	};
}
