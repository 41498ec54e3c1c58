import type { IDataObject, INodeExecutionData, NodeEgressFilter } from 'n8n-workflow';

import { ChatflowWhatsApp } from '../../../nodes/WhatsApp/ChatflowWhatsApp.node';
import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import type { FakePlatform } from '../../../simulator/platform';
import { createExecuteContext, type TestExecuteContext } from '../../support/executeContext';

export const TOKEN = 'EAAG-whatsapp-test-token';
export const PHONE_ID = '106540352242922';
export const WABA_ID = '102290129340398';

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	credentials?: IDataObject;
	/** The egress filter the context hands out (default: a new pass-through one). */
	egressFilter?: NodeEgressFilter | false;
}

/** Executes the Chatflow WhatsApp node once against the fake platform, as n8n would. */
export async function runWhatsApp(
	platform: FakePlatform,
	parameters: Record<string, unknown> | ((itemIndex: number) => Record<string, unknown>),
	options: RunOptions = {},
): Promise<{ output: INodeExecutionData[]; ctx: TestExecuteContext }> {
	resetRateLimiters();
	const ctx = createExecuteContext({
		parameters: parameters as IDataObject | ((itemIndex: number) => IDataObject),
		items: options.items,
		continueOnFail: options.continueOnFail,
		egressFilter: options.egressFilter,
		credentials: {
			chatflowWhatsAppApi: {
				accessToken: TOKEN,
				businessAccountId: WABA_ID,
				phoneNumberId: PHONE_ID,
				apiVersion: 'v26.0',
				baseUrl: platform.url,
				...options.credentials,
			},
		},
	});
	const [output] = await new ChatflowWhatsApp().execute.call(ctx);
	return { output, ctx };
}

/** The raw bytes of every message POST, in arrival order. */
export function sentBodies(platform: FakePlatform): string[] {
	return platform.received('POST', `/v26.0/${PHONE_ID}/messages`).map((request) => request.body.toString('utf8'));
}
