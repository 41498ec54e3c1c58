/**
 * n8n in queue mode on one machine: a main process, one webhook processor and one worker,
 * sharing PostgreSQL (a fresh schema per cluster) and Redis (a fresh Bull prefix), each with
 * this package as a community package. Used by the queue-mode e2e test and benchmarks.
 *
 *   const cluster = await startQueueCluster({ root: mkdtempSync(...) });
 *   const api = cluster.api;                     // main: credentials, workflows, executions
 *   fetch(`${cluster.webhookUrl}/webhook/...`)   // inbound traffic goes to the webhook processor
 *   await cluster.stop();                        // stops all three, drops the schema
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

import { N8nApi } from './api';
import { N8nInstance, REPOSITORY_ROOT, freePort } from './instance';

export interface QueueClusterOptions {
	/** Each process gets a user folder below this one. */
	root: string;
	postgres?: { host?: string; port?: number; database?: string; user?: string };
	redis?: { host?: string; port?: number; db?: number };
	/** Extra environment for all three processes. */
	env?: Record<string, string>;
}

export interface QueueCluster {
	main: N8nInstance;
	webhook: N8nInstance;
	worker: N8nInstance;
	/** Public API of the main process (logged in as the owner). */
	api: N8nApi;
	/** Base URL of the webhook processor (also N8N_WEBHOOK_URL, so resume URLs point there). */
	webhookUrl: string;
	schema: string;
	bullPrefix: string;
	logs(): string;
	/** Starts a new webhook processor or worker in place of the current one (after `kill()`). */
	replace(kind: 'webhook' | 'worker'): Promise<N8nInstance>;
	stop(): Promise<void>;
}

export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const pg = { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', ...options.postgres };
	const redis = { host: '127.0.0.1', port: 6379, db: 0, ...options.redis };
	const id = randomUUID().replace(/-/g, '').slice(0, 12);
	const schema = `chatflow_queue_${id}`;
	const bullPrefix = `chatflow-queue-${id}`;
	psql(pg, `CREATE SCHEMA ${schema}`);

	const [mainPort, webhookPort, workerPort] = [await freePort(), await freePort(), await freePort()];
	const webhookUrl = `http://127.0.0.1:${webhookPort}`;
	const env: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_PREFIX: bullPrefix,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_REDIS_DB: String(redis.db),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_SCHEMA: schema,
		// Resume URLs ($execution.resumeUrl) and production webhooks go to the webhook processor.
		N8N_WEBHOOK_URL: `${webhookUrl}/`,
		N8N_LOG_LEVEL: process.env.CHATFLOW_QUEUE_LOG_LEVEL ?? 'info',
		...options.env,
	};
	// The three processes load the package at different moments: give them a private copy of
	// the build, so a rebuild of the shared dist/ meanwhile cannot make one of them miss it.
	const packageDir = snapshotPackage(join(options.root, 'package'));
	const start = async (kind: 'main' | 'webhook' | 'worker', port: number) =>
		await N8nInstance.start({ userFolder: join(options.root, kind), port, kind, env, packageDir });

	const main = await start('main', mainPort);
	const started: N8nInstance[] = [main];
	try {
		await main.waitUntilReady(); // runs the migrations before the others connect
		const [webhook, worker] = await Promise.all([start('webhook', webhookPort), start('worker', workerPort)]);
		started.push(webhook, worker);
		await Promise.all([webhook.waitUntilReady(), worker.waitUntilReady()]);
		const api = await N8nApi.connect(main.url);
		const cluster: QueueCluster = {
			main,
			webhook,
			worker,
			api,
			webhookUrl,
			schema,
			bullPrefix,
			logs: () => started.map((p) => `--- ${p.options.kind} (pid ${p.pid})\n${p.logs()}`).join('\n'),
			async replace(kind) {
				await cluster[kind].stop();
				const next = await start(kind, kind === 'webhook' ? webhookPort : workerPort);
				started.push(next);
				await next.waitUntilReady();
				cluster[kind] = next;
				return next;
			},
			async stop() {
				await Promise.all(started.map(async (p) => await p.stop()));
				psql(pg, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
			},
		};
		return cluster;
	} catch (error) {
		await Promise.all(started.map(async (p) => await p.stop()));
		psql(pg, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		throw error;
	}
}

/** Copies package.json and dist/ (under the build lock) and links node_modules (jsonata). */
export function snapshotPackage(target: string): string {
	mkdirSync(target, { recursive: true });
	copyFileSync(join(REPOSITORY_ROOT, 'package.json'), join(target, 'package.json'));
	execFileSync('flock', [join(REPOSITORY_ROOT, '.build.lock'), 'cp', '-r', join(REPOSITORY_ROOT, 'dist'), join(target, 'dist')]);
	symlinkSync(join(REPOSITORY_ROOT, 'node_modules'), join(target, 'node_modules'), 'dir');
	return target;
}

function psql(pg: { host: string; port: number; database: string; user: string }, sql: string): void {
	execFileSync('psql', ['-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', pg.database, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
}
