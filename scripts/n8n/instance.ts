/**
 * Starts and stops a real n8n (the pinned runtime installed by scripts/toolchain.sh) with this
 * package loaded as a community package. Used by `npm run dev`, the e2e suite and the benchmarks,
 * so all three run n8n the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, symlinkSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export type N8nProcessKind = 'main' | 'webhook' | 'worker';

export interface N8nInstanceOptions {
	/** N8N_USER_FOLDER: n8n keeps its SQLite database, settings and community packages here. */
	userFolder: string;
	port: number;
	/**
	 * The package folder to link as a community package (default: this repository); `false`
	 * when the caller has installed packages into the user folder itself.
	 */
	packageDir?: string | false;
	/** Extra environment (queue mode settings, log level, NODE_EXTRA_CA_CERTS, ...). */
	env?: Record<string, string>;
	/** `n8n start` (main), `n8n webhook` or `n8n worker`. */
	kind?: N8nProcessKind;
	/** Also copy n8n's output to this stream (dev shows it in the terminal). */
	echo?: NodeJS.WritableStream;
	/** Node arguments before n8n's binary (e.g. --require for a benchmark's DNS preload). */
	nodeArgs?: string[];
}

export const REPOSITORY_ROOT = resolve(__dirname, '..', '..');

export function n8nBinary(): string {
	const runtime = process.env.CHATFLOW_N8N_DIR;
	if (!runtime) throw new Error('CHATFLOW_N8N_DIR is not set: run through scripts/run.sh, which installs n8n');
	const binary = join(runtime, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!existsSync(binary)) throw new Error(`n8n is not installed at ${binary}`);
	return binary;
}

/** A free TCP port on 127.0.0.1 (the kernel picks it; we release it right away). */
export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePort(port));
		});
	});
}

/**
 * Puts the package where n8n looks for community packages:
 * `<userFolder>/.n8n/nodes/node_modules/<name>` (a symlink, so a rebuild is picked up on restart).
 */
export function linkCommunityPackage(userFolder: string, packageDir = REPOSITORY_ROOT): void {
	const modules = join(userFolder, '.n8n', 'nodes', 'node_modules');
	mkdirSync(modules, { recursive: true });
	const target = join(modules, 'n8n-nodes-chatflow');
	rmSync(target, { recursive: true, force: true });
	symlinkSync(packageDir, target, 'dir');
}

/** The environment every n8n process of ours runs with: local, quiet, nothing phoned home. */
export function baseEnvironment(options: N8nInstanceOptions): Record<string, string> {
	const url = `http://127.0.0.1:${options.port}`;
	return {
		N8N_USER_FOLDER: options.userFolder,
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: url,
		N8N_WEBHOOK_URL: `${url}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		// A fixed key so credentials created by a test survive a restart of the same user folder.
		N8N_ENCRYPTION_KEY: 'chatflow-local-encryption-key-not-for-production',
		...options.env,
	};
}

export class N8nInstance {
	private output = '';

	private exited = false;

	private constructor(
		readonly options: N8nInstanceOptions,
		readonly child: ChildProcess,
		private readonly logFile: WriteStream,
	) {}

	get url(): string {
		return `http://127.0.0.1:${this.options.port}`;
	}

	get pid(): number {
		return this.child.pid ?? -1;
	}

	/** The file that gets everything n8n prints (stdout and stderr), one per user folder, kind and port. */
	static logPath(options: Pick<N8nInstanceOptions, 'userFolder' | 'port' | 'kind'>): string {
		return join(options.userFolder, `n8n-${options.kind ?? 'main'}-${options.port}.log`);
	}

	/** Everything n8n printed so far (stdout and stderr). */
	logs(): string {
		return this.output;
	}

	static async start(options: N8nInstanceOptions): Promise<N8nInstance> {
		mkdirSync(options.userFolder, { recursive: true });
		if (options.packageDir !== false) linkCommunityPackage(options.userFolder, options.packageDir);
		// n8n 2.x always starts a task broker, on 5679 unless told otherwise: several n8n
		// processes on one machine (dev, e2e, benchmarks, queue mode) each need their own.
		const brokerPort = options.env?.N8N_RUNNERS_BROKER_PORT ?? String(await freePort());
		options = { ...options, env: { N8N_RUNNERS_BROKER_PORT: brokerPort, ...options.env } };
		const kind = options.kind ?? 'main';
		const args = [...(options.nodeArgs ?? []), n8nBinary(), kind === 'main' ? 'start' : kind];
		const child = spawn(process.execPath, args, {
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...baseEnvironment(options) },
			stdio: ['ignore', 'pipe', 'pipe'],
			// Own process group, so stop() can end n8n and anything it started.
			detached: true,
		});
		const logFile = createWriteStream(N8nInstance.logPath(options));
		const instance = new N8nInstance(options, child, logFile);
		const collect = (chunk: Buffer) => {
			const text = chunk.toString();
			instance.output += text;
			logFile.write(text);
			options.echo?.write(text);
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		// n8n runs in its own process group (so stop() can end it and its task runner), which
		// also means it would outlive a test runner that crashes: end it when this process exits.
		const endWithParent = () => {
			try {
				if (!instance.exited && child.pid) process.kill(-child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
		};
		process.once('exit', endWithParent);
		child.on('exit', () => {
			instance.exited = true;
			process.removeListener('exit', endWithParent);
		});
		return instance;
	}

	/**
	 * Waits until `GET /healthz/readiness` answers (main and webhook processes) or the worker says
	 * ready; a main process must also serve its REST API (`GET /rest/settings`, the first call the
	 * editor makes): n8n 1.x reports ready once its database is migrated, before the REST routes exist.
	 */
	async waitUntilReady(timeoutMs = 180_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		const kind = this.options.kind ?? 'main';
		while (Date.now() < deadline) {
			if (this.exited) throw new Error(`n8n (${kind}) exited during start-up:\n${this.output.slice(-4000)}`);
			if (kind === 'worker') {
				if (/n8n worker is now ready|Worker started/i.test(this.output)) return;
			} else {
				try {
					const probes = kind === 'main' ? ['/healthz/readiness', '/rest/settings'] : ['/healthz/readiness'];
					let ready = true;
					for (const probe of probes) {
						const response = await fetch(`${this.url}${probe}`);
						await response.arrayBuffer();
						if (!response.ok) {
							ready = false;
							break;
						}
					}
					if (ready) return;
				} catch {
					// not listening yet
				}
			}
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(`n8n (${kind}) was not ready within ${timeoutMs} ms:\n${this.output.slice(-4000)}`);
	}

	/** SIGKILL to n8n's process group, as a crash or an out-of-memory kill would; resolves once it has exited. */
	async kill(): Promise<void> {
		if (!this.exited && this.child.pid) {
			const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
			try {
				process.kill(-this.child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
			await exited;
		}
	}

	/** SIGTERM to n8n's process group, SIGKILL after `graceMs`; resolves once it has exited. */
	async stop(graceMs = 10_000): Promise<void> {
		if (!this.exited && this.child.pid) {
			const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
			try {
				process.kill(-this.child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
			const timer = setTimeout(() => {
				try {
					process.kill(-this.child.pid!, 'SIGKILL');
				} catch {
					// already gone
				}
			}, graceMs);
			await exited;
			clearTimeout(timer);
		}
		await new Promise<void>((r) => this.logFile.end(() => r()));
	}
}
