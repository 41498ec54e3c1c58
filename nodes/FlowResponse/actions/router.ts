import { createRouter } from '../../shared/actions';
import { operations } from './index';
import { openFlowResponseRun } from './tokenSecret';

/**
 * The node's execute. Items run one at a time: the work is local (no platform requests) and
 * JSONata mappings are CPU-bound, so parallel items would only interleave.
 */
export const router = createRouter({
	operations: { '': operations },
	readRunOptions: () => ({ concurrency: 1, ratePerSecond: 0, retry: {} }),
	openRun: openFlowResponseRun,
	describeError: () => ({}),
});
