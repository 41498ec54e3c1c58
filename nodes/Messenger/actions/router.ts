import { createRouter } from '../../shared/actions';
import { describeMetaFailure, openMetaAccount, readMetaRunOptions } from '../../shared/meta-messaging';
import { operations as attachment } from './attachment';
import { operations as message } from './message';

/** The node's execute: the chosen operation for every item, through the page's Send API account. */
export const router = createRouter({
	operations: { message, attachment },
	readRunOptions: (ctx) => readMetaRunOptions(ctx, 'messenger'),
	openRun: async (ctx, options) => await openMetaAccount(ctx, 'messenger', options),
	describeError: describeMetaFailure,
});
