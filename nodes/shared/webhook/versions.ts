/**
 * Versions of every webhook trigger in this package. Version 2 behaves exactly like version 1;
 * it exists because n8n treats a version-1 start node of a webhook as the legacy Webhook node
 * and evaluates `$parameter.options.binaryData` through its expression engine on every request
 * before the trigger runs: measured as the largest single cost of a Flows endpoint request
 * (`npm run bench -- flows`, CHATFLOW_BENCH_PROFILE). Workflows saved with version 1 keep
 * working; new nodes are version 2.
 */
export const WEBHOOK_TRIGGER_VERSIONS = { version: [1, 2], defaultVersion: 2 };
