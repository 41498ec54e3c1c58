/**
 * One redis-server process (Debian's package) on 127.0.0.1, for tests and benchmarks: started
 * with its whole configuration on the command line (or a file, for Sentinel), in a folder of its
 * own, ready once its log says so; stopped, killed or restarted by its PID.
 *
 *   const redis = await startRedisServer({ dir: mkdtempSync(...) });
 *   redis.port;                     // a free port, chosen here
 *   await redis.restart();          // same port, same folder (keeps its dump/AOF if it wrote one)
 *   await redis.stop();             // SIGTERM, then SIGKILL after 5 s
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort } from '../n8n/instance';

export interface RedisServerOptions {
	/** The server's working folder (dump, AOF, cluster and sentinel state). Created if missing. */
	dir: string;
	port?: number;
	/** More configuration, as `redis-server` command-line pairs: ['--appendonly', 'yes']. */
	args?: string[];
	/** Sentinel: these lines become its (writable) configuration file; `port` is added. */
	sentinelConfig?: string[];
	/** What its log says once it serves (default: "Ready to accept connections"). */
	ready?: RegExp;
	/** TLS only: the port is the TLS port, the plain port is closed. */
	tls?: { cert: string; key: string; ca: string; authClients: 'yes' | 'no' | 'optional' };
}

const READY = /Ready to accept connections/;
const START_TIMEOUT_MS = 20_000;

export class RedisServer {
	private child: ChildProcess | undefined;
	private output = '';

	private constructor(
		readonly options: RedisServerOptions,
		readonly port: number,
	) {}

	static async start(options: RedisServerOptions): Promise<RedisServer> {
		mkdirSync(options.dir, { recursive: true });
		const server = new RedisServer(options, options.port ?? (await freePort()));
		await server.spawn();
		return server;
	}

	readonly host = '127.0.0.1';

	get pid(): number | undefined {
		return this.child && this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
	}

	/** Everything the server logged since it was started (across restarts). */
	logs(): string {
		return this.output;
	}

	/** Kills the process now (SIGKILL: nothing flushed), as a crash would. */
	async kill(): Promise<void> {
		await this.signal('SIGKILL', 0);
	}

	/** SIGTERM (a clean shutdown: Redis writes its dump/AOF when configured), SIGKILL after 5 s. */
	async stop(): Promise<void> {
		await this.signal('SIGTERM', 5_000);
	}

	/** Starts it again on the same port and folder. */
	async restart(): Promise<void> {
		if (this.pid) await this.stop();
		await this.spawn();
	}

	private async spawn(): Promise<void> {
		const { dir, tls, sentinelConfig } = this.options;
		const portArgs = tls
			? ['--port', '0', '--tls-port', String(this.port), '--tls-cert-file', tls.cert, '--tls-key-file', tls.key, '--tls-ca-cert-file', tls.ca, '--tls-auth-clients', tls.authClients]
			: ['--port', String(this.port)];
		const common = ['--bind', '127.0.0.1', '--dir', dir, '--logfile', '', '--daemonize', 'no', '--protected-mode', 'no'];
		let args: string[];
		if (sentinelConfig) {
			// Sentinel rewrites its configuration file (what it learnt about master and replicas).
			const file = join(dir, 'sentinel.conf');
			if (!this.child) writeFileSync(file, [`port ${this.port}`, ...sentinelConfig, ''].join('\n'));
			args = [file, '--sentinel', ...common];
		} else {
			args = [...portArgs, ...common, '--save', '', '--appendonly', 'no', ...(this.options.args ?? [])];
		}
		const child = spawn('redis-server', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
		this.child = child;
		const ready = this.options.ready ?? READY;
		const startedAt = this.output.length;
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`redis-server on ${this.port} not ready in ${START_TIMEOUT_MS} ms:\n${this.output.slice(startedAt)}`)), START_TIMEOUT_MS);
			const onData = (chunk: Buffer) => {
				this.output += chunk.toString();
				if (ready.test(this.output.slice(startedAt))) {
					clearTimeout(timer);
					resolve();
				}
			};
			child.stdout?.on('data', onData);
			child.stderr?.on('data', onData);
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`redis-server on ${this.port} exited (${code}) before it was ready:\n${this.output.slice(startedAt)}`));
			});
		});
	}

	private async signal(signal: NodeJS.Signals, graceMs: number): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		process.kill(child.pid!, signal);
		if (graceMs > 0) {
			const timer = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		} else {
			await exited;
		}
	}
}

export const startRedisServer = RedisServer.start.bind(RedisServer);
