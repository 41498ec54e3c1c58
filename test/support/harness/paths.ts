import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (this file is test/support/harness/paths.ts). */
export const PACKAGE_ROOT = resolve(__dirname, '..', '..', '..');

/** Prefix of this package's node types in workflow JSON, as in a community install. */
export const PACKAGE_NODE_PREFIX = 'n8n-nodes-chatflow.';

/**
 * n8n-nodes-base inside the pinned n8n runtime (scripts/toolchain.sh installs it):
 * $CHATFLOW_N8N_DIR, else $CHATFLOW_CACHE/n8n-2.41.1, else ~/.cache/n8n-nodes-chatflow/n8n-2.41.1.
 */
export function n8nNodesBaseDir(): string {
	const cache = process.env.CHATFLOW_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-chatflow');
	const runtime = process.env.CHATFLOW_N8N_DIR ?? join(cache, 'n8n-2.41.1');
	return join(runtime, 'node_modules', 'n8n-nodes-base');
}

/** node_modules of the pinned n8n runtime (n8n itself, its express), next to n8n-nodes-base. */
export function n8nRuntimeModulesDir(): string {
	return join(n8nNodesBaseDir(), '..');
}
