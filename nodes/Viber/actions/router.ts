import { createRouter } from '../../shared/actions';
import { operations as account } from './account';
import { readViberRunOptions } from './common/options';
import { describeViberFailure, openViberRun } from './common/run';
import { operations as message } from './message';
import { operations as webhook } from './webhook';

/** The node's execute: the chosen operation for every item, in parallel under the bot's rate limit. */
export const router = createRouter({
	operations: { message, account, webhook },
	readRunOptions: readViberRunOptions,
	openRun: openViberRun,
	describeError: describeViberFailure,
});
