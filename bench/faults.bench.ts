/**
 * Faults in queue mode with the real n8n (main, webhook processor, worker; PostgreSQL; a Redis
 * for the queue and another for the State Store, started here): what is lost and what is done
 * twice when
 * - worker_kill: the worker is killed (SIGKILL) in the middle of a --messages=2000 template send;
 * - redis_restart_aof / redis_restart_empty: the State Store's Redis restarts while
 *   --conversations=50 conversations wait, with its append-only file and without its data;
 * - webhook_kill: the webhook processor is killed while Meta delivers a --batch=200 batch, which
 *   Meta then delivers again in full;
 * - redis_outage / redis_outage_refuse: the State Store's Redis is unreachable for --outage=30 s
 *   during inbound traffic (a message every 100 ms, every fifth delivered twice), with the
 *   trigger letting events through (the default) and refusing deliveries while Redis is away.
 * Prints `<scenario>_lost` and `<scenario>_doubled` for each. The scenarios are in
 * test/e2e/faults/, which the faults e2e suite runs at a smaller size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startFaultsLab } from '../test/e2e/faults/lab';
import { redisUnreachableDuringTraffic } from '../test/e2e/faults/redisOutage';
import { redisRestartedWhileConversationsWait } from '../test/e2e/faults/redisRestart';
import { webhookProcessorKilledDuringRedelivery } from '../test/e2e/faults/webhookKill';
import { workerKilledDuringSend } from '../test/e2e/faults/workerKill';
import type { BenchContext, BenchResult } from './types';

export default async function faults(context: BenchContext): Promise<BenchResult> {
	const messages = context.option('messages', 2000);
	const conversations = context.option('conversations', 50);
	const batch = context.option('batch', 200);
	const outageMs = context.option('outage', 30) * 1000;
	const figures: Record<string, number> = {};
	const notes: string[] = [];
	const lab = await startFaultsLab(context.log);
	const record = (scenario: string, outcome: { lost: number; doubled: number; notes: string[]; figures?: Record<string, number> }) => {
		figures[`${scenario}_lost`] = outcome.lost;
		figures[`${scenario}_doubled`] = outcome.doubled;
		for (const [name, value] of Object.entries(outcome.figures ?? {})) figures[`${scenario}_${name}`] = value;
		notes.push(`${scenario}: ${outcome.notes.join('; ')}`);
		context.log(`${scenario}: lost ${outcome.lost}, doubled ${outcome.doubled}`);
	};
	try {
		const only = context.args.find((arg) => arg.startsWith('--only='))?.split('=')[1]?.split(',');
		const wanted = (name: string) => !only || only.includes(name);
		// One scenario that cannot finish (n8n refusing deliveries on a starved machine, say) is
		// reported as such; the others still run.
		const attempt = async (name: string, run: () => Promise<void>) => {
			if (!wanted(name)) return;
			try {
				await run();
			} catch (error) {
				notes.push(`${name}: did not finish: ${(error as Error).message}`);
				context.log(`${name} did not finish: ${(error as Error).message}`);
			}
		};
		await attempt('worker_kill', async () => {
			const outcome = await workerKilledDuringSend(lab, messages, context.log);
			record('worker_kill', { ...outcome, figures: { execution_crashed: outcome.executionStatus === 'crashed' ? 1 : 0 } });
		});
		await attempt('redis_restart', async () => {
			record('redis_restart_aof', await redisRestartedWhileConversationsWait(lab, { conversations, persistence: true }, context.log));
			record('redis_restart_empty', await redisRestartedWhileConversationsWait(lab, { conversations, persistence: false }, context.log));
		});
		await attempt('webhook_kill', async () => record('webhook_kill', await webhookProcessorKilledDuringRedelivery(lab, batch, context.log)));
		await attempt('redis_outage', async () => {
			record('redis_outage', await redisUnreachableDuringTraffic(lab, { outageMs, intervalMs: 100, lead: 50, whenStoreUnreachable: 'pass' }, context.log));
			record('redis_outage_refuse', await redisUnreachableDuringTraffic(lab, { outageMs, intervalMs: 100, lead: 50, whenStoreUnreachable: 'refuse' }, context.log));
		});
	} finally {
		mkdirSync(join(__dirname, 'results'), { recursive: true });
		// n8n's own account of each fault (crashed executions, refused deliveries), for reading.
		writeFileSync(join(__dirname, 'results', 'faults-n8n.log'), lab.cluster.logs());
		await lab.stop();
	}
	return { figures, ratios: {}, notes };
}
