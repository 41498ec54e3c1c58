import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { ExecutionError, IDataObject, INodeExecutionData, IRun, ITaskData } from 'n8n-workflow';

import type { LogEntry } from './logger';

/** What runWorkflow returns: the raw IRun plus accessors for what tests ask most. */
export interface WorkflowRunResult {
	/** 'success' when the run finished; 'error' when a node failed without continueOnFail. */
	status: IRun['status'];
	/** The error that stopped the run (the failing node's NodeApiError/NodeOperationError). */
	error: ExecutionError | undefined;
	/** n8n's own record of the run: run.data.resultData.runData[node][runIndex]… */
	run: IRun;
	/** Node names in the order they finished. */
	executedNodes: string[];
	/** Lines logged during the run (nodes' this.logger and the engine), in order. */
	logs: LogEntry[];
	/** Wall time of the run inside the engine, in milliseconds. */
	durationMs: number;
	/** The json of each item on `outputIndex` (default 0) of the node's last run; [] when none. */
	output(nodeName: string, outputIndex?: number): IDataObject[];
	/** Every output of the node's last run, items with json, binary and pairedItem. */
	outputs(nodeName: string): INodeExecutionData[][];
	/** The error of the node's last run, if it failed (also set when the run stopped there). */
	nodeError(nodeName: string): ExecutionError | undefined;
	/** Every run of a node (more than one in loops). Throws when the node never ran. */
	taskData(nodeName: string): ITaskData[];
	/** The bytes of a binary property of an output item, from n8n's binary-data store. */
	binary(nodeName: string, itemIndex?: number, property?: string, outputIndex?: number): Promise<Buffer>;
}

export function createResult(run: IRun, executedNodes: string[], logs: LogEntry[], durationMs: number): WorkflowRunResult {
	const { runData } = run.data.resultData;
	const lastRun = (nodeName: string): ITaskData | undefined => runData[nodeName]?.at(-1);
	const outputs = (nodeName: string) => (lastRun(nodeName)?.data?.main ?? []).map((items) => items ?? []);
	const result: WorkflowRunResult = {
		status: run.status,
		error: run.data.resultData.error,
		run,
		executedNodes,
		logs,
		durationMs,
		output: (nodeName, outputIndex = 0) => (outputs(nodeName)[outputIndex] ?? []).map((item) => item.json),
		outputs,
		nodeError: (nodeName) => lastRun(nodeName)?.error,
		taskData: (nodeName) => {
			const tasks = runData[nodeName];
			if (!tasks) throw new Error(`harness: node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ') || 'none'})`);
			return tasks;
		},
		binary: async (nodeName, itemIndex = 0, property = 'data', outputIndex = 0) => {
			const binaryData = outputs(nodeName)[outputIndex]?.[itemIndex]?.binary?.[property];
			if (!binaryData) throw new Error(`harness: "${nodeName}" output ${outputIndex} item ${itemIndex} has no binary "${property}"`);
			return await Container.get(BinaryDataService).getAsBuffer(binaryData);
		},
	};
	return result;
}
