import { NodeOperationError, type INodeProperties } from 'n8n-workflow';

import { flowIdOf } from '../common/flowId';
import { graphOf, type OperationExecute } from '../common/run';

/** Delete: a DRAFT Flow. */
export const description: INodeProperties[] = [];

/** Meta deletes only DRAFT Flows (error 139004); the status is read first to say why clearly. */
export const execute: OperationExecute = async function (run, itemIndex) {
	const graph = graphOf(this, run);
	const id = flowIdOf(this, itemIndex);
	const { status } = await graph.request<{ status?: string }>({ method: 'GET', path: `/${id}`, qs: { fields: 'id,status' }, itemIndex });
	if (status !== 'DRAFT') {
		throw new NodeOperationError(this.getNode(), `Flow ${id} is ${status ?? 'not a draft'}: only DRAFT Flows can be deleted`, {
			itemIndex,
			description: status === 'PUBLISHED' ? 'Deprecate it instead (operation "Deprecate").' : undefined,
		});
	}
	return { id, ...(await graph.request({ method: 'DELETE', path: `/${id}`, itemIndex })) };
};
