import { createRouter } from '../../shared/actions';
import { describeMetaFailure, openMetaAccount, readMetaRunOptions } from '../../shared/meta-messaging';
import { operations as account } from './account';
import { operations as message } from './message';

/** The node's execute: the chosen operation for every item, through the account's Send API. */
export const router = createRouter({
	operations: { message, account },
	readRunOptions: (ctx) => readMetaRunOptions(ctx, 'instagram'),
	openRun: async (ctx, options) => await openMetaAccount(ctx, 'instagram', options),
	describeError: describeMetaFailure,
});
