/**
 * Queue mode (EXECUTIONS_MODE=queue) without a State Store credential, through n8n-core's engine
 * (test/support/harness): a trigger's activation refuses a workflow whose Wait for Reply could
 * never be resumed and warns about per-process de-duplication otherwise; the Conversation node
 * fails Wait for Reply and runs Session with a warning and an output hint. Outside queue mode,
 * nothing changes.
 */
import { randomUUID } from 'node:crypto';

import { runHook, runWorkflow, type WorkflowJson } from '../../support/harness';

const TRIGGER = 'n8n-nodes-chatflow.chatflowWhatsAppTrigger';
const VIBER_TRIGGER = 'n8n-nodes-chatflow.chatflowViberTrigger';
const CONVERSATION = 'n8n-nodes-chatflow.chatflowConversation';

const META_CREDENTIALS = { chatflowMetaAppApi: { appId: '1', appSecret: 's', verifyToken: 'vt', apiVersion: 'v26.0', baseUrl: 'http://127.0.0.1:9' } };
// Only the node's reference is looked at: nothing connects to this Redis.
const REDIS = { chatflowRedisApi: { host: '127.0.0.1', port: 9, namespace: 'never-used:' } };

function workflow(below: Array<{ name: string; parameters: Record<string, unknown>; disabled?: boolean }>, trigger = TRIGGER): WorkflowJson {
	const nodes = [
		{ id: randomUUID(), name: 'Trigger', type: trigger, typeVersion: 1, position: [0, 0], webhookId: randomUUID(), parameters: { registration: 'manual' } },
		...below.map((node, index) => ({
			id: randomUUID(),
			name: node.name,
			type: CONVERSATION,
			typeVersion: 2,
			position: [(index + 1) * 200, 0],
			parameters: node.parameters,
			...(node.disabled ? { disabled: true } : {}),
		})),
	];
	const connections: Record<string, unknown> = {};
	nodes.slice(0, -1).forEach((node, index) => (connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] }));
	return { nodes, connections } as unknown as WorkflowJson;
}

const inbound = { channel: 'whatsapp', event: 'message', accountId: '1055', contact: { id: '4917000000001', name: 'X' }, type: 'text', text: 'hi', raw: {} };

let savedMode: string | undefined;
beforeEach(() => (savedMode = process.env.EXECUTIONS_MODE));
afterEach(() => {
	if (savedMode === undefined) delete process.env.EXECUTIONS_MODE;
	else process.env.EXECUTIONS_MODE = savedMode;
});

describe('queue mode without a State Store credential', () => {
	it('activation fails when Wait for Reply (also by default operation) follows the trigger', async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		const flow = workflow([{ name: 'Session', parameters: { operation: 'session', sessionAction: 'get' } }, { name: 'Ask', parameters: {} }]);
		await expect(runHook({ workflow: flow, node: 'Trigger', method: 'checkExists', credentials: META_CREDENTIALS })).rejects.toThrow(
			/queue mode .*no State Store \(Redis\) credential.*"Ask" \(Wait for Reply\) would never see the contact's reply/,
		);
	});

	it('activation fails for the Viber trigger too', async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		const flow = workflow([{ name: 'Ask', parameters: { operation: 'waitForReply' } }], VIBER_TRIGGER);
		await expect(
			runHook({ workflow: flow, node: 'Trigger', method: 'checkExists', credentials: { chatflowViberApi: { authToken: 't', senderName: 'Bot', baseUrl: 'http://127.0.0.1:9' } } }),
		).rejects.toThrow(/Wait for Reply/);
	});

	it('activation of a trigger without Wait for Reply (or with it disabled) succeeds and warns about de-duplication', async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		for (const flow of [workflow([]), workflow([{ name: 'Ask', parameters: {}, disabled: true }])]) {
			const result = await runHook({ workflow: flow, node: 'Trigger', method: 'checkExists', credentials: META_CREDENTIALS });
			expect(result.returned).toBe(true);
			expect(result.logs).toEqual([
				expect.objectContaining({ level: 'warn', message: expect.stringMatching(/^Trigger: n8n runs in queue mode .* not recognised as a duplicate/) }),
			]);
		}
	});

	it('with the credential, or outside queue mode, activation neither fails nor warns', async () => {
		const flow = workflow([{ name: 'Ask', parameters: {} }]);
		process.env.EXECUTIONS_MODE = 'queue';
		const shared = await runHook({ workflow: flow, node: 'Trigger', method: 'checkExists', credentials: { ...META_CREDENTIALS, ...REDIS } });
		process.env.EXECUTIONS_MODE = 'regular';
		const regular = await runHook({ workflow: flow, node: 'Trigger', method: 'checkExists', credentials: META_CREDENTIALS });
		for (const result of [shared, regular]) {
			expect(result.returned).toBe(true);
			expect(result.logs.filter((entry) => entry.level === 'warn')).toEqual([]);
		}
	});

	it('the Conversation node: Wait for Reply fails saying what to select; Session runs with a warning and an output hint', async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		const waiting = await runWorkflow({ workflow: workflow([{ name: 'Ask', parameters: { operation: 'waitForReply', timeout: 0 } }]), input: [inbound] });
		expect(waiting.status).toBe('error');
		expect(waiting.nodeError('Ask')?.message).toMatch(/queue mode .*Wait for Reply would never see the contact's reply/);

		const session = await runWorkflow({ workflow: workflow([{ name: 'Session', parameters: { operation: 'session', sessionAction: 'get' } }]), input: [inbound] });
		expect(session.status).toBe('success');
		expect(session.output('Session')).toHaveLength(1);
		expect(session.logs).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'warn', message: expect.stringContaining('sessions are not shared between workers') })]));
		expect(session.run.data.resultData.runData.Session[0].hints).toEqual([expect.objectContaining({ type: 'warning', message: expect.stringContaining('sessions are not shared between workers') })]);
	});
});
