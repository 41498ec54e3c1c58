import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { OperationExecute as KitOperationExecute } from '../../../shared/actions';
import { GraphClient } from '../../../shared/graph';

/** What every item of a run shares: the Graph client, absent for the operations that need none. */
export interface FlowsRun {
	graph?: GraphClient;
}

export type OperationExecute = KitOperationExecute<FlowsRun>;

/** Operations that make no Graph API call (and need no credential). */
export const LOCAL_OPERATIONS = ['generateKeyPair', 'validate', 'generate'];

export async function openFlowsRun(ctx: IExecuteFunctions): Promise<FlowsRun> {
	const operation = ctx.getNodeParameter('operation', 0) as string;
	if (LOCAL_OPERATIONS.includes(operation)) return {};
	return { graph: await GraphClient.create(ctx, 'chatflowWhatsAppApi', { concurrency: 1 }) };
}

/** The run's Graph client (every operation but the local ones has one). */
export function graphOf(ctx: IExecuteFunctions, run: FlowsRun): GraphClient {
	if (!run.graph) throw new NodeOperationError(ctx.getNode(), 'This operation needs the WhatsApp credential');
	return run.graph;
}

/** The categories a Flow can have (Meta's list). */
export const CATEGORIES = ['SIGN_UP', 'SIGN_IN', 'APPOINTMENT_BOOKING', 'LEAD_GENERATION', 'CONTACT_US', 'CUSTOMER_SUPPORT', 'SURVEY', 'OTHER'].map((value) => ({
	name: value.replace(/_/g, ' ').toLowerCase().replace(/^\w/, (c) => c.toUpperCase()),
	value,
}));
