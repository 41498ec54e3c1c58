/**
 * A worker killed (SIGKILL) in the middle of a template send to `messages` recipients: Webhook →
 * Split Out → Chatflow WhatsApp (template, with the State Store credential), run by the worker.
 * A new worker is started at once, as a supervisor would. n8n 2.x does not run a stalled job
 * again (its Bull queue has maxStalledCount 0): main's queue recovery marks the execution
 * crashed. Lost messages are therefore the ones after the kill, reported by that crashed
 * execution; nothing is sent twice.
 */
import { randomUUID } from 'node:crypto';

import { fanOutWorkflow } from '../../../scripts/n8n/fanOutWorkflow';
import { until } from '../conversation-flow';
import { PHONE_NUMBER_ID, tally, TEMPLATE, type FaultOutcome, type FaultsLab } from './lab';

export async function workerKilledDuringSend(lab: FaultsLab, messages: number, log: (message: string) => void): Promise<FaultOutcome & { executionStatus: string }> {
	lab.resetCounts();
	const webhookId = randomUUID();
	const recipients = Array.from({ length: messages }, (_, i) => String(4915100000000 + i));
	const workflow = fanOutWorkflow(`faults: send ${webhookId}`, webhookId, {
		type: 'n8n-nodes-chatflow.chatflowWhatsApp',
		typeVersion: 2,
		parameters: {
			resource: 'template',
			operation: 'send',
			phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
			to: '={{ $json.to }}',
			template: { __rl: true, mode: 'list', value: `${TEMPLATE.name}|${TEMPLATE.language}` },
			parametersMode: 'json',
			componentsJson: '={{ JSON.stringify([{ type: "body", parameters: [{ type: "text", text: $json.to }] }]) }}',
			runOptions: { ratePerSecond: 200, concurrency: 20 },
		},
		credentials: { chatflowWhatsAppApi: lab.credentials.chatflowWhatsAppApi, chatflowRedisApi: lab.credentials.chatflowRedisApi },
	});
	// Answer at once: the send runs on the worker whatever happens to this request.
	(workflow.nodes[0].parameters as Record<string, unknown>).responseMode = 'onReceived';
	const workflowId = await lab.activate(workflow, [webhookId]);
	const started = await fetch(`${lab.cluster.webhookUrl}/webhook/${webhookId}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ recipients: recipients.map((to) => ({ to })) }),
	});
	if (!started.ok) throw new Error(`the send workflow answered ${started.status}`);
	await until('half of the messages sent', () => [...lab.sends.values()].reduce((a, b) => a + b, 0) >= messages / 2, 300_000);
	const sentBeforeKill = [...lab.sends.values()].reduce((a, b) => a + b, 0);
	log(`killing the worker (pid ${lab.cluster.worker.pid}) after ${sentBeforeKill} of ${messages} messages`);
	await lab.cluster.worker.kill();
	await lab.cluster.replace('worker');
	log('a new worker runs; waiting for n8n to settle the execution');
	const [execution] = await lab.cluster.api.executions(workflowId, { includeData: false });
	const final = await until(
		'the execution to end (success, error or crashed)',
		async () => {
			const current = await lab.cluster.api.execution(execution.id);
			return ['success', 'error', 'crashed', 'canceled'].includes(String(current.status)) ? current : undefined;
		},
		300_000,
	);
	const { lost, doubled } = tally(recipients, lab.sends);
	return {
		lost,
		doubled,
		executionStatus: String(final.status),
		notes: [
			`worker killed after ${sentBeforeKill}/${messages} sends; the execution ended "${final.status}"; ${lost} not sent (reported by that execution), ${doubled} sent twice`,
		],
	};
}
