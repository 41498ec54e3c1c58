import type { INodeProperties } from 'n8n-workflow';

import { flowIdOf } from '../common/flowId';
import { graphOf, type OperationExecute } from '../common/run';

/** Publish and Deprecate: a Flow's status change, named by its ID alone. */
export const description: INodeProperties[] = [];

function changeStatus(action: 'publish' | 'deprecate'): OperationExecute {
	return async function (run, itemIndex) {
		const id = flowIdOf(this, itemIndex);
		return { id, ...(await graphOf(this, run).request({ method: 'POST', path: `/${id}/${action}`, itemIndex })) };
	};
}

export const publish = changeStatus('publish');
export const deprecate = changeStatus('deprecate');
