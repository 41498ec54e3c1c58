import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../concurrency';

/**
 * One operation of an action node, in a file of its own (`actions/<resource>/<operation>.ts`):
 * its parameters and what it does for one item. `Run` is what the node opens once per execution
 * and hands every item (a platform client, limiters, caches).
 */
export type OperationExecute<Run> = (this: IExecuteFunctions, run: Run, itemIndex: number) => Promise<ItemResult>;

export interface OperationModule<Run> {
	description: INodeProperties[];
	execute: OperationExecute<Run>;
}

/** The operations of a node by resource and operation name (resource '' when a node has none). */
export type Operations<Run> = Record<string, Record<string, OperationExecute<Run>>>;
