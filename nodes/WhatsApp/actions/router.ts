import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createRouter } from '../../shared/actions';
import { describeWhatsAppFailure, openWhatsAppRun, readWhatsAppRunOptions } from './common/run';
import { operations as media } from './media';
import { operations as message } from './message';
import { operations as template } from './template';

/**
 * The node's execute: the chosen operation for every item, concurrently, each send under the
 * sender number's rate limit, output in input order, continueOnFail per item.
 */
export const router = createRouter({
	operations: { message, template, media },
	readRunOptions: readWhatsAppRunOptions,
	openRun: openWhatsAppRun,
	describeError: describeWhatsAppFailure,
	afterRun: addWindowHint,
});

/** Under continueOnFail, say once what 131047 means instead of leaving users to search. */
function addWindowHint(ctx: IExecuteFunctions, output: INodeExecutionData[]): void {
	const outside = output.filter((item) => (item.json.errorDetails as IDataObject | undefined)?.code === 131047).length;
	if (outside === 0) return;
	ctx.addExecutionHints({
		message: `${outside} item(s) failed with error 131047: more than 24 hours since the customer last wrote. Send a template to these recipients instead.`,
		location: 'outputPane',
	});
}
