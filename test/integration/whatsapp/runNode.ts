import type { IDataObject, INodeExecutionData, NodeEgressFilter } from 'n8n-workflow';

import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import type { FakePlatform } from '../../../simulator/platform';
import { runNode, type RunNodeOptions } from '../../support/harness';

export const TOKEN = 'EAAG-whatsapp-test-token';
export const PHONE_ID = '106540352242922';
export const WABA_ID = '102290129340398';

export interface WhatsAppRunOptions {
	/** The node's input items (plain objects become `{ json }`); default one empty item. */
	input?: Array<INodeExecutionData | IDataObject>;
	continueOnFail?: boolean;
	/** Fields over the default credential (e.g. an empty phoneNumberId). */
	credentials?: IDataObject;
	/** See RunNodeOptions.egressFilter. */
	egressFilter?: NodeEgressFilter | false;
}

const credentials = (platform: FakePlatform, extra: IDataObject = {}) => ({
	accessToken: TOKEN,
	businessAccountId: WABA_ID,
	phoneNumberId: PHONE_ID,
	apiVersion: 'v26.0',
	baseUrl: platform.url,
	...extra,
});

/**
 * What runNode (n8n-core's engine) needs to run the Chatflow WhatsApp node (version 1) alone
 * against the fake platform. Rate limiters are per process: reset them between tests.
 */
export function whatsAppNode(platform: FakePlatform, parameters: IDataObject, options: WhatsAppRunOptions = {}): RunNodeOptions {
	return {
		type: 'chatflowWhatsApp',
		typeVersion: 1,
		parameters,
		input: options.input,
		continueOnFail: options.continueOnFail,
		egressFilter: options.egressFilter,
		credentials: { chatflowWhatsAppApi: credentials(platform, options.credentials) },
	};
}

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	credentials?: IDataObject;
	egressFilter?: NodeEgressFilter | false;
}

/**
 * Runs the node (version 1) through n8n-core's engine (runNode) and resolves with its output
 * items; a node error rejects, as the node's execute() would.
 */
export async function runWhatsApp(platform: FakePlatform, parameters: IDataObject, options: RunOptions = {}): Promise<{ output: INodeExecutionData[] }> {
	resetRateLimiters();
	const result = await runNode(whatsAppNode(platform, parameters, { input: options.items, continueOnFail: options.continueOnFail, credentials: options.credentials, egressFilter: options.egressFilter }));
	if (result.error) throw new Error(result.error.message);
	return { output: result.items };
}

/** The raw bytes of every message POST, in arrival order. */
export function sentBodies(platform: FakePlatform): string[] {
	return platform.received('POST', `/v26.0/${PHONE_ID}/messages`).map((request) => request.body.toString('utf8'));
}
