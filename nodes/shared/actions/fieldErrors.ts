import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MessageFieldError } from '../fields';

/**
 * What an item's failure becomes: platform and n8n errors pass unchanged; a field check's error
 * (a builder refusing a value before any request) becomes a NodeOperationError naming the field,
 * which keeps it (`field`) for the failed item's details.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof MessageFieldError) {
		const nodeError = new NodeOperationError(node, error.message, { itemIndex, description: `Field: ${error.field}` });
		nodeError.context.field = error.field;
		return nodeError;
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
