import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { failedItemDetails } from '../actions';
import { describeGraphError, graphErrorDetails } from '../graph';

/**
 * The extra JSON of a failed Messenger or Instagram item under "Continue On Fail". Version 2 has
 * every channel's shape (`errorDetails` with the field or Meta's codes); version 1 keeps its own:
 * `field` beside the error, or Meta's codes in `errorDetails`.
 */
export function describeMetaFailure(ctx: IExecuteFunctions, error: unknown): IDataObject {
	if (ctx.getNode().typeVersion >= 2) return failedItemDetails(error, graphErrorDetails);
	const field = (error as { context?: { field?: unknown } }).context?.field;
	return typeof field === 'string' ? { field } : describeGraphError(error);
}
