/**
 * The State Store's Redis unreachable (its process stopped: connections refused) for
 * `outageMs` while messages keep arriving, one every `intervalMs`, every fifth delivered twice a
 * second apart as Meta sometimes does. While Redis is away the trigger cannot check for
 * duplicates: with `pass` it lets every delivery through (logged) and a redelivery in that
 * window runs twice; with `refuse` it answers 503 and the delivery comes again once Redis is
 * back. After Redis is back, de-duplication works again. Deliveries not answered 200 are
 * delivered again, as Meta does.
 */
import { postSigned, settle } from '../examples-support';
import { ackWorkflow } from './ackWorkflow';
import { deliveriesOf, redeliverRefused } from './deliveries';
import { tally, type FaultOutcome, type FaultsLab } from './lab';

export async function redisUnreachableDuringTraffic(
	lab: FaultsLab,
	{ outageMs, intervalMs, lead, whenStoreUnreachable }: { outageMs: number; intervalMs: number; lead: number; whenStoreUnreachable: 'pass' | 'refuse' },
	log: (message: string) => void,
): Promise<FaultOutcome> {
	lab.resetCounts();
	const { workflow, path } = ackWorkflow(lab.credentials, { whenStoreUnreachable });
	await lab.activate(workflow, [path]);
	const url = `${lab.cluster.webhookUrl}/webhook/${path}`;
	// Traffic before, during and after the outage.
	const count = Math.ceil((outageMs + 2 * lead * intervalMs) / intervalMs);
	const batch = deliveriesOf(count, 4917700000000, 'O');
	let outage: { from: number; to: number } | undefined;
	const posts: Array<Promise<void>> = [];
	const statuses: number[] = new Array<number>(count).fill(0);
	let redeliveredDuringOutage = 0;
	const post = async (delivery: { body: Record<string, unknown> }) => (await postSigned(url, 'whatsapp', delivery.body)).status;
	// A message counts as answered once any of its deliveries got 200.
	const deliver = (index: number) =>
		post(batch[index]).then(
			(status) => void (statuses[index] = statuses[index] === 200 ? 200 : status),
			() => undefined,
		);
	const outageDone = (async () => {
		await new Promise((resolve) => setTimeout(resolve, lead * intervalMs));
		log(`stopping the State Store's Redis (pid ${lab.stateRedis.pid}) for ${outageMs / 1000} s`);
		outage = { from: Date.now(), to: Number.POSITIVE_INFINITY };
		await lab.stateRedis.stop();
		await new Promise((resolve) => setTimeout(resolve, outageMs));
		await lab.stateRedis.restart();
		outage.to = Date.now();
		log('the State Store\'s Redis is back');
	})();
	for (let index = 0; index < count; index++) {
		posts.push(deliver(index));
		if (index % 5 === 0) {
			posts.push(
				new Promise((resolve) => setTimeout(resolve, 1_000)).then(async () => {
					if (outage && Date.now() >= outage.from && Date.now() <= outage.to) redeliveredDuringOutage++;
					await deliver(index);
				}),
			);
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
	await outageDone;
	await Promise.all(posts);
	const refusedAtFirst = statuses.filter((status) => status !== 200).length;
	const final = await redeliverRefused(batch, statuses, post);
	await settle(lab.platform, 3_000);
	const { lost, doubled } = tally(batch.map((d) => `ack:${d.wamid}`), lab.texts);
	const refused = final.filter((status) => status !== 200).length;
	return {
		lost,
		doubled,
		figures: { redelivered_during_outage: redeliveredDuringOutage, refused_at_first: refusedAtFirst, refused },
		notes: [
			`${count} messages, ${Math.ceil(count / 5)} redelivered a second later (${redeliveredDuringOutage} during the outage); ${refusedAtFirst} not answered 200 at first and delivered again, ${refused} still refused; ${lost} never ran, ${doubled} ran twice`,
		],
	};
}
