/**
 * In-process workflow harness: runs a workflow JSON (as exported from n8n) through n8n-core's
 * REAL execution engine (WorkflowExecute, n8n-workflow's Workflow and expression engine) inside
 * the jest process, with this package's nodes loaded from source, real credential handling and
 * real HTTP (point credentials' Base URL at FakePlatform, simulator/platform).
 *
 *   import { FakePlatform } from '../../../simulator/platform';
 *   import { loadWorkflowFixture, runWorkflow } from '../../support/harness';
 *
 *   const result = await runWorkflow({
 *     workflow: loadWorkflowFixture('viber-send-text'),          // test/fixtures/workflows/<name>.json, or an object
 *     credentials: { chatflowViberApi: { authToken: 't', senderName: 'Bot', baseUrl: platform.url } },
 *     input: [{ name: 'Ann' }],                                  // optional
 *   });
 *   result.status;                    // 'success' | 'error' (n8n's IRun status)
 *   result.error;                     // the error that stopped the run (NodeApiError / NodeOperationError)
 *   result.output('Send Viber text'); // IDataObject[]: json of output 0 of the node's last run
 *   result.outputs('If');             // INodeExecutionData[][]: every output, with binary and pairedItem
 *   result.nodeError('Send Viber text');
 *   await result.binary('Node', 0, 'data'); // Buffer of an output item's binary property
 *   result.executedNodes; result.logs; result.durationMs; result.run (the raw IRun)
 *
 *   // One node alone, for tests of a node's requests and outputs (nodeOutput / nodeFailure: just one of them):
 *   const { items, error, hints, run } = await runNode({
 *     type: 'chatflowViber', typeVersion: 1, parameters: { ... }, credentials, input, continueOnFail: true,
 *     egressFilter,                 // optional: what getSecureEgressFilter() returns; false: an n8n 1.x without it
 *   });
 *   // A trigger's webhook(), given real HTTP through n8n's own express and body middleware:
 *   const { response, items, returned, logs } = await runWebhook({ workflow, node: 'Trigger', credentials, request: { headers, body } });
 *   // A trigger's activation hooks (checkExists, create, delete) on n8n-core's HookContext:
 *   const { returned, staticData } = await runHook({ workflow, node: 'Trigger', method: 'create', credentials });
 *   // n8n-core's own contexts, for code that takes a node's `this`:
 *   const { context } = await nodeContext({ credentials, egressFilter, cancelSignal }); // IExecuteFunctions
 *   const lookups = await loadOptionsContext({ type, typeVersion, parameters, credentials }); // ILoadOptionsFunctions
 *
 * Semantics
 * - `workflow`: { nodes, connections, settings?, pinData?, staticData? }. Our node types are
 *   'n8n-nodes-chatflow.<name>' (e.g. chatflowViber); they load from nodes/**\/*.node.ts (also
 *   before package.json lists them). Built-in nodes, loaded from the pinned n8n runtime
 *   ($CHATFLOW_N8N_DIR or ~/.cache/n8n-nodes-chatflow/n8n-2.41.1): see BUILT_IN_NODES —
 *   manualTrigger, noOp, set (Edit Fields), if, switch, merge, filter, splitOut, stopAndError.
 *   Not supported: Code (needs n8n's task runners), sub-workflows, Wait/resume.
 * - `credentials`: data by credential TYPE name. Every node that declares that type gets it,
 *   whatever id/name its reference has (or without a reference). The type's property defaults
 *   are filled in; `authenticate` (generic `={{$credentials.x}}` blocks resolved by n8n's own
 *   expression engine, or a function) is applied by httpRequestWithAuthentication as in n8n.
 * - `input`: the items the start node receives (plain objects become { json }); default one
 *   empty item. The run is a production-style run (mode 'trigger'), where a trigger or webhook
 *   node passes its input through: so `input` is what the trigger emits, exactly as if it had
 *   been pinned. A webhook trigger's own webhook() runs in runWebhook (below), not here.
 * - `startNode`: default the first trigger/webhook node, else the first node without parents.
 * - `nodeTypes`: extra node types by full type name, for test-only nodes (kept for the process).
 * - `mode`: n8n execution mode, default 'trigger'. With 'manual', n8n runs a ManualTrigger's
 *   trigger function instead of passing `input` through.
 * - continueOnFail (node setting onError 'continueRegularOutput' / 'continueErrorOutput'),
 *   retryOnFail, alwaysOutputData, executeOnce, disabled nodes and pinData behave as in n8n:
 *   the engine is n8n's. Note n8n's rule for 'continueErrorOutput': a failed item moves to the
 *   error output only if the item has `error` set (INodeExecutionData.error) or its json has no
 *   keys but error/message/details.
 * - Built-in nodes need the pinned runtime installed (scripts/toolchain.sh ensure_n8n, e.g. via
 *   `bash scripts/run.sh e2e` or `dev`); without it a run that uses one rejects saying so.
 * - Binary data: n8n's BinaryDataService in filesystem mode in a temporary folder, so
 *   prepareBinaryData / getBinaryDataBuffer work as in a default n8n. Input items may carry
 *   binary in n8n's inline form: see binaryItem().
 * - The DI container is set up once per process and node types are loaded once and reused, so a
 *   run of a few nodes takes milliseconds (the first run of a test file pays the module loading).
 * - `result.logs`: what nodes logged with this.logger during the run (nothing is printed).
 * - Runs may overlap in time, but then `logs` may mix lines of both runs.
 */
export { ensureEngine, type Engine } from './engine';
export { runWorkflow, harnessNodeTypes, type RunWorkflowOptions, type WorkflowJson } from './runWorkflow';
export { runHook, type RunHookOptions, type HookRunResult } from './runHook';
export { runWebhook, type RunWebhookOptions, type WebhookRunResult } from './runWebhook';
export { loadOptionsContext, type LoadOptionsContextOptions } from './loadOptions';
export { nodeContext, type NodeContext, type NodeContextOptions } from './nodeContext';
export { runNode, nodeOutput, nodeFailure, withEgressFilter, NODE_NAME, type RunNodeOptions, type NodeRunResult } from './runNode';
export type { WorkflowRunResult } from './result';
export type { CredentialsByType } from './credentialsHelper';
export type { LogEntry } from './logger';
export { BUILT_IN_NODES, type AnyNodeType } from './nodeTypes';
export { binaryItem, loadWorkflowFixture } from './fixtures';
