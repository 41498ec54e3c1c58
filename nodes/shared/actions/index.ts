/**
 * The action-node kit every channel is built from:
 *
 *   actions/<resource>/<operation>.ts   exports `description` and `execute` (`OperationModule`)
 *   createRouter({ operations, readRunOptions, openRun, describeError })   the node's execute
 *   runOptionsProperty / readRunOptions   one "Run Options" block: parallel items, rate, retries
 *   failedItemDetails   one shape of a failed item under "Continue On Fail" on every channel
 *   toNodeError          a field check's error as a NodeOperationError naming the field
 *   openSendOnce         with a State Store credential, an item a re-run job already sent is not sent again
 *   binaryFileOf         an item's binary file for an upload, streamed from n8n's binary store
 */
export { createRouter, type RouterConfig } from './router';
export type { OperationExecute, OperationModule, Operations } from './operation';
export { readRunOptions, runOptionsFrom, runOptionsProperty, RUN_OPTIONS, type RunOptionDefaults, type RunOptions } from './runOptions';
export { failedItemDetails, type ErrorDetails } from './failedItem';
export { toNodeError } from './fieldErrors';
export { openSendOnce, type SendOnce } from './sendOnce';
export { binaryFileOf, type BinaryFile } from './binaryFile';
