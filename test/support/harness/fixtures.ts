import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BINARY_ENCODING, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { PACKAGE_ROOT } from './paths';
import type { WorkflowJson } from './runWorkflow';

/** test/fixtures/workflows/<name>.json, parsed (a fresh object each call). */
export function loadWorkflowFixture(name: string): WorkflowJson {
	const file = join(PACKAGE_ROOT, 'test', 'fixtures', 'workflows', name.endsWith('.json') ? name : `${name}.json`);
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
}

/** An input item carrying `bytes` as binary property `property`, in n8n's inline (base64) form. */
export function binaryItem(
	bytes: Buffer,
	options: { property?: string; mimeType?: string; fileName?: string; json?: IDataObject } = {},
): INodeExecutionData {
	const { property = 'data', mimeType = 'application/octet-stream', fileName, json = {} } = options;
	return {
		json,
		binary: {
			[property]: {
				data: bytes.toString(BINARY_ENCODING),
				mimeType,
				fileName,
				fileSize: `${bytes.length} B`,
				bytes: bytes.length,
			},
		},
	};
}
