import type { IExecuteFunctions, INodeExecutionData, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runOrdered } from './orderedRunner';

/**
 * The per-item loop every action node shares: runs `perItem` for every input item with bounded
 * concurrency, keeps output order = input order, sets `pairedItem`, and honours
 * `continueOnFail()` per item (the failed item carries `{ error, ...errorFields }`).
 * Without continueOnFail the error of the first failed item (in input order) is thrown.
 */
export interface ExecuteItemsOptions {
	/** Items in flight at once; 1 runs them one by one. */
	concurrency: number;
	/** Extra JSON for a failed item under continueOnFail, e.g. the platform's error code. */
	describeError?: (error: unknown) => IDataObject;
}

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];

export async function executeItemsConcurrently(
	ctx: IExecuteFunctions,
	perItem: (itemIndex: number) => Promise<ItemResult>,
	{ concurrency, describeError }: ExecuteItemsOptions,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const outcomes = await runOrdered(count, perItem, { concurrency, stopOnError: !continueOnFail });

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (outcome === undefined) continue; // never started: an earlier item failed
		if (outcome.ok) {
			output.push(...toExecutionData(outcome.value, itemIndex));
			continue;
		}
		if (!continueOnFail) throw asNodeError(ctx, outcome.error, itemIndex);
		output.push({
			json: { error: errorMessage(outcome.error), ...(describeError?.(outcome.error) ?? {}) },
			pairedItem: { item: itemIndex },
		});
	}
	return output;
}

function toExecutionData(value: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(value) ? value : [value];
	return list.map((entry) => {
		const data = isExecutionData(entry) ? entry : { json: entry };
		return { ...data, pairedItem: data.pairedItem ?? { item: itemIndex } };
	});
}

function isExecutionData(value: IDataObject | INodeExecutionData): value is INodeExecutionData {
	const json = (value as INodeExecutionData).json;
	return typeof json === 'object' && json !== null && !Array.isArray(json);
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof Error && 'node' in error) {
		const context = (error as { context?: IDataObject }).context;
		if (context && context.itemIndex === undefined) context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error), { itemIndex });
}
