import { randomUUID } from 'node:crypto';

/**
 * The workflow the send benchmark and the egress e2e suite run: Webhook (POST `{ recipients:
 * [...] }`) → Split Out (one item per recipient) → the given send node, answering when the last
 * node is done. `allEntries` answers with every output item instead of the first.
 */
export function fanOutWorkflow(
	name: string,
	webhookId: string,
	sendNode: Record<string, unknown>,
	{ responseData = 'firstEntryJson' }: { responseData?: 'firstEntryJson' | 'allEntries' } = {},
) {
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Recipients',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: { httpMethod: 'POST', path: webhookId, responseMode: 'lastNode', responseData, options: {} },
			},
			{
				id: randomUUID(),
				name: 'One per recipient',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: { fieldToSplitOut: 'body.recipients', options: {} },
			},
			{ id: randomUUID(), name: 'Send', typeVersion: 1, position: [400, 0], ...sendNode },
		],
		connections: {
			Recipients: { main: [[{ node: 'One per recipient', type: 'main', index: 0 }]] },
			'One per recipient': { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		},
	};
}
