/**
 * The webhook processor killed (SIGKILL) while Meta delivers a batch of messages, and Meta
 * delivering the whole batch again to the restarted processor (it redelivers what was not
 * answered 200, and may redeliver what was: at-least-once). Each message must cause exactly one
 * execution (one ack); the State Store's de-duplication drops the redeliveries. Deliveries the
 * processor refuses (not 200) are delivered again, as Meta does, until the claims the killed
 * processor held have expired.
 */
import { HANDOVER_MS } from '../../../nodes/shared/ingestion';
import { postSigned, settle } from '../examples-support';
import { until } from '../conversation-flow';
import { ackWorkflow } from './ackWorkflow';
import { deliveriesOf, redeliverRefused, sendBatch } from './deliveries';
import { tally, type FaultOutcome, type FaultsLab } from './lab';

const REDELIVERY_PAUSE_MS = 10_000;

export async function webhookProcessorKilledDuringRedelivery(lab: FaultsLab, messages: number, log: (message: string) => void): Promise<FaultOutcome> {
	lab.resetCounts();
	const { workflow, path } = ackWorkflow(lab.credentials);
	await lab.activate(workflow, [path]);
	const url = () => `${lab.cluster.webhookUrl}/webhook/${path}`;
	const batch = deliveriesOf(messages, 4917600000000);
	let answered = 0;
	const first = sendBatch(batch, 10, async (delivery) => {
		const answer = await postSigned(url(), 'whatsapp', delivery.body).catch(() => ({ status: 0 }));
		if (answer.status === 200) answered++;
		return answer.status;
	});
	await until('a third of the batch answered', () => answered >= messages / 3, 120_000);
	log(`killing the webhook processor (pid ${lab.cluster.webhook.pid}) after ${answered} of ${messages} deliveries were answered`);
	await lab.cluster.webhook.kill();
	const statuses = await first;
	const unanswered = statuses.filter((status) => status !== 200).length;
	await lab.cluster.replace('webhook');
	log(`webhook processor restarted; Meta delivers all ${messages} again (${unanswered} were not answered 200)`);
	const post = async (delivery: { body: Record<string, unknown> }) => (await postSigned(url(), 'whatsapp', delivery.body)).status;
	// Meta keeps delivering for days; here for as long as a dead processor's claims can hold events
	// (a redelivery meeting one is refused 503 until it expires), plus two rounds.
	const rounds = Math.ceil(HANDOVER_MS / REDELIVERY_PAUSE_MS) + 2;
	const again = await redeliverRefused(batch, await sendBatch(batch, 10, post), post, rounds, REDELIVERY_PAUSE_MS);
	const refused = again.filter((status) => status !== 200).length;
	await until('every message acknowledged or the platform quiet', () => batch.every((d) => lab.texts.has(`ack:${d.wamid}`)) || undefined, 60_000).catch(() => undefined);
	await settle(lab.platform, 3_000);
	const { lost, doubled } = tally(batch.map((d) => `ack:${d.wamid}`), lab.texts);
	return {
		lost,
		doubled,
		figures: { unanswered_at_kill: unanswered },
		notes: [`${unanswered} deliveries unanswered when the processor died, ${refused} still refused after Meta's redeliveries; ${lost} messages never ran, ${doubled} ran twice or more`],
	};
}
