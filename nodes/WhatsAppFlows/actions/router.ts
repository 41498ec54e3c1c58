import { createRouter } from '../../shared/actions';
import { describeGraphError } from '../../shared/graph';
import { openFlowsRun } from './common/run';
import { operations } from './index';

/** Items run one at a time: Flow management calls are few, and some depend on the previous. */
export const router = createRouter({
	operations: { '': operations },
	readRunOptions: () => ({ concurrency: 1, ratePerSecond: 0, retry: {} }),
	openRun: openFlowsRun,
	describeError: (_ctx, error) => describeGraphError(error),
});
