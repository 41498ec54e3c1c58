/**
 * engineForwardsAllOutputs: the check that tells a Conversation wait whether the running n8n can
 * resume it once saved. Read against n8n-core's real engine modules (which have the feature),
 * an engine whose WorkflowExecute never mentions it (n8n before 2.39), and a context whose
 * engine cannot be found.
 */
import * as path from 'node:path';

import { engineForwardsAllOutputs } from '../../../nodes/Conversation/actions/waitForReply/engineSupport';

const ENGINE = path.dirname(require.resolve('n8n-core/dist/execution-engine/workflow-execute.js'));
const CONTEXT_FILE = path.join(ENGINE, 'node-execution-context', 'execute-context.js');
const ENGINE_FILE = path.join(ENGINE, 'workflow-execute.js');

describe('engineForwardsAllOutputs', () => {
	it("finds n8n-core's own engine from an execute context and sees that it forwards all outputs", () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const contextModule = require(CONTEXT_FILE) as { ExecuteContext: { prototype: object } };
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const engineModule = require(ENGINE_FILE) as object;
		const modules = {
			'/elsewhere/index.js': { exports: { unrelated: class {} } },
			[CONTEXT_FILE]: { exports: contextModule },
			[ENGINE_FILE]: { exports: engineModule },
		};
		expect(engineForwardsAllOutputs(Object.create(contextModule.ExecuteContext.prototype), modules)).toBe(true);
	});

	it('says false for an engine whose WorkflowExecute never mentions forwardAllOutputs', () => {
		class ExecuteContext {}
		class WorkflowExecute {
			runNode(node: { disabled?: boolean }, input: unknown[]) {
				return node.disabled ? { data: [input[0]] } : undefined;
			}
		}
		const engine = '/n8n/node_modules/n8n-core/dist/execution-engine';
		const modules = {
			[`${engine}/node-execution-context/execute-context.js`]: { exports: { ExecuteContext } },
			[`${engine}/workflow-execute.js`]: { exports: { WorkflowExecute } },
		};
		expect(engineForwardsAllOutputs(new ExecuteContext(), modules)).toBe(false);
	});

	it('says nothing (undefined) when the context class or its engine is not among the loaded modules', () => {
		class Unknown {}
		expect(engineForwardsAllOutputs(new Unknown(), {})).toBeUndefined();
		class Lonely {}
		expect(engineForwardsAllOutputs(new Lonely(), { '/somewhere/else/context.js': { exports: { Lonely } } })).toBeUndefined();
	});

	it('ignores modules whose exports throw when listed', () => {
		class ExecuteContext {}
		const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no listing'); } });
		expect(engineForwardsAllOutputs(new ExecuteContext(), { '/a.js': { exports: hostile } })).toBeUndefined();
	});
});
