/**
 * The place every fault scenario runs in: n8n in queue mode (main, webhook processor, worker;
 * scripts/n8n/queue.ts) on a Redis of its own for the Bull queue and another for the State Store,
 * both redis-server processes started here (so one can be restarted or stopped without touching
 * the other), and the fake Graph API, which counts every message per recipient and text.
 *
 *   const lab = await startFaultsLab(log);
 *   lab.sends.get('15550000001')          // how many messages that recipient got
 *   await lab.activate(workflow, paths)   // created on main, served by the webhook processor
 *   await lab.stop();
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nApi } from '../../../scripts/n8n/api';
import { startQueueCluster, type QueueCluster } from '../../../scripts/n8n/queue';
import { startRedisServer, type RedisServer } from '../../../scripts/redis/server';
import { checkTemplateSend, FakePlatform, type RecordedRequest } from '../../../simulator/platform';
import { createChannelCredentials, PHONE_NUMBER_ID, WABA_ID, type CredentialRef, type Credentials } from '../examples-support';
import type { E2eContext } from '../support/n8n';

export const TEMPLATE = { name: 'faults_notice', language: 'en_US' };

export interface FaultsLab {
	cluster: QueueCluster;
	platform: FakePlatform;
	/** The State Store's Redis (append-only file on: a restart keeps what it had acknowledged). */
	stateRedis: RedisServer;
	queueRedis: RedisServer;
	credentials: Credentials & { chatflowRedisApi: CredentialRef };
	/** The State Store credential's namespace. */
	namespace: string;
	/** Messages the fake Graph API accepted, by recipient. */
	sends: Map<string, number>;
	/** Text messages the fake Graph API accepted, by text body. */
	texts: Map<string, number>;
	activate(workflow: Parameters<N8nApi['createWorkflow']>[0], paths: string[]): Promise<string>;
	resetCounts(): void;
	stop(): Promise<void>;
}

export async function startFaultsLab(log: (message: string) => void = () => undefined): Promise<FaultsLab> {
	const root = mkdtempSync(join(tmpdir(), 'chatflow-faults-'));
	const queueRedis = await startRedisServer({ dir: join(root, 'queue-redis') });
	const stateRedis = await startRedisServer({ dir: join(root, 'state-redis'), args: ['--appendonly', 'yes', '--appendfsync', 'always'] });
	const platform = await FakePlatform.start({ latencyMs: 20, maxRecorded: 20_000 });
	const sends = new Map<string, number>();
	const texts = new Map<string, number>();
	let messageNumber = 0;
	platform.on('POST', '/:version/:phone/messages', (request: RecordedRequest) => {
		// A template send the Cloud API would refuse is refused here too, and not counted as sent.
		const refusal = checkTemplateSend((request.json ?? {}) as Record<string, unknown>, platform.templates);
		if (refusal) return refusal;
		const body = request.json as { to?: string; type?: string; text?: { body?: string } };
		const to = String(body.to);
		sends.set(to, (sends.get(to) ?? 0) + 1);
		if (body.type === 'text') texts.set(String(body.text?.body), (texts.get(String(body.text?.body)) ?? 0) + 1);
		return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.FAULTS${++messageNumber}` }] } };
	});
	platform.serveTemplates(WABA_ID, [
		{ id: '9001', ...TEMPLATE, status: 'APPROVED', category: 'UTILITY', parameter_format: 'POSITIONAL', components: [{ type: 'BODY', text: 'Notice for {{1}}' }] },
	]);
	log('starting n8n in queue mode (main, webhook processor, worker)');
	const cluster = await startQueueCluster({
		root: join(root, 'n8n'),
		redis: { host: '127.0.0.1', port: queueRedis.port },
		// Main looks for executions whose job is gone (a dead worker's) every minute, not every 3 hours.
		env: { N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1' },
	});
	const namespace = `chatflow-faults-${randomUUID().slice(0, 8)}:`;
	const channel = await createChannelCredentials({ api: cluster.api } as E2eContext, platform);
	const redis = await cluster.api.createCredential('chatflowRedisApi', `state store ${namespace}`, {
		connectionType: 'standalone',
		host: '127.0.0.1',
		port: stateRedis.port,
		username: '',
		password: '',
		database: 0,
		namespace,
	});
	const lab: FaultsLab = {
		cluster,
		platform,
		stateRedis,
		queueRedis,
		namespace,
		sends,
		texts,
		credentials: { ...channel, chatflowRedisApi: { id: redis.id, name: redis.name } },
		async activate(workflow, paths) {
			const id = await cluster.api.createWorkflow(workflow, { webhooks: paths.map((path) => ({ path })) });
			const viaWebhookProcess = new N8nApi(cluster.webhookUrl, cluster.api.apiKey, cluster.api.cookie);
			for (const path of paths) await viaWebhookProcess.waitForWebhook(path);
			return id;
		},
		resetCounts() {
			sends.clear();
			texts.clear();
			platform.requests.length = 0;
		},
		async stop() {
			await platform.close();
			await cluster.stop();
			await Promise.all([queueRedis.stop(), stateRedis.stop()]);
			rmSync(root, { recursive: true, force: true });
		},
	};
	return lab;
}

/** Counts of a fault: `lost` expected outcomes that never happened, `doubled` ones that happened twice or more. */
export interface FaultOutcome {
	lost: number;
	doubled: number;
	/** What else was observed (n8n's handling, how many were in flight), for the notes. */
	notes: string[];
	figures?: Record<string, number>;
}

/** Lost (0) and doubled (>1) among `expected` keys of `counts`. */
export function tally(expected: Iterable<string>, counts: Map<string, number>): { lost: number; doubled: number } {
	let lost = 0;
	let doubled = 0;
	for (const key of expected) {
		const count = counts.get(key) ?? 0;
		if (count === 0) lost++;
		if (count > 1) doubled++;
	}
	return { lost, doubled };
}

export { PHONE_NUMBER_ID };
