/**
 * The Conversation node's "Session" operation, item by item: get, set, merge, clear, set step.
 * Each output item is its input item with the session (after the change) in one field.
 */
import { NodeOperationError, jsonParse, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { resolveContact } from '../contact/resolveContact';
import { clearSession, getSession, mergeVariables, setStep, setVariables, type SessionView } from '../../../shared/conversation/sessions';
import { checkQueueModeStore, conversationRedisCredentials, openConversationStore } from '../../../shared/conversation/store';

export async function executeSession(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const credentials = await conversationRedisCredentials(ctx);
	checkQueueModeStore(ctx, credentials, 'session');
	const store = openConversationStore(credentials);
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const contact = resolveContact(ctx, i);
			const action = ctx.getNodeParameter('sessionAction', i) as string;
			const ttlMinutes = Number(ctx.getNodeParameter('sessionTtlMinutes', i, 1440));
			if (!Number.isFinite(ttlMinutes) || ttlMinutes < 0) {
				throw new NodeOperationError(ctx.getNode(), 'Session Timeout (Minutes): must be 0 (never) or more', { itemIndex: i });
			}
			const ttlMs = ttlMinutes > 0 ? ttlMinutes * 60_000 : undefined;
			let session: SessionView;
			switch (action) {
				case 'get':
					session = await getSession(store, contact);
					break;
				case 'set':
					session = await setVariables(store, contact, readVariables(ctx, i), ttlMs);
					break;
				case 'merge':
					session = await mergeVariables(store, contact, readJsonObject(ctx, i), ttlMs);
					break;
				case 'clear': {
					const names = String(ctx.getNodeParameter('clearNames', i, '') ?? '')
						.split(',')
						.map((name) => name.trim())
						.filter(Boolean);
					session = await clearSession(store, contact, names);
					break;
				}
				case 'setStep':
					session = await setStep(store, contact, String(ctx.getNodeParameter('step', i, '') ?? ''), ttlMs);
					break;
				default:
					throw new NodeOperationError(ctx.getNode(), `Action: unknown value "${action}"`, { itemIndex: i });
			}
			const field = String(ctx.getNodeParameter('outputField', i, 'session') || 'session');
			out.push({ json: { ...items[i].json, [field]: session }, pairedItem: { item: i } });
		} catch (error) {
			if (!ctx.continueOnFail()) {
				throw error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: i });
			}
			out.push({ json: { ...items[i].json, error: (error as Error).message }, pairedItem: { item: i } });
		}
	}
	return [out];
}

function readVariables(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const rows = ctx.getNodeParameter('variables.variable', itemIndex, []) as Array<{ name?: string; value?: unknown }>;
	const values: IDataObject = {};
	rows.forEach((row, index) => {
		const name = String(row.name ?? '').trim();
		if (!name) throw new NodeOperationError(ctx.getNode(), `Variables[${index}].name: required`, { itemIndex });
		values[name] = row.value as IDataObject[string];
	});
	return values;
}

function readJsonObject(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = ctx.getNodeParameter('data', itemIndex, '{}') as unknown;
	const value = typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: undefined }) : raw;
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(ctx.getNode(), 'Data (JSON): must be a JSON object, e.g. {"booking": {"date": "2026-12-01"}}', { itemIndex });
	}
	return value as IDataObject;
}
