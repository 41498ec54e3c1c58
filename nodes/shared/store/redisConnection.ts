import { connect, type Socket } from 'node:net';
import { sleep } from 'n8n-workflow';

import { encodeCommand, RespError, RespParser, RespProtocolError, type RespValue } from './resp';

export interface RedisConnectionOptions {
	host: string;
	port: number;
	username?: string;
	password?: string;
	database?: number;
	/** How long connecting (TCP + AUTH + SELECT) may take. */
	connectTimeoutMs?: number;
	/** How long Redis may stay silent while commands wait for replies. */
	commandTimeoutMs?: number;
}

/** A Redis failure worded for users: where, what, never a password or a stored value. */
export class RedisStoreError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RedisStoreError';
	}
}

interface Pending {
	resolve: (value: RespValue) => void;
	reject: (error: Error) => void;
	command: string;
}

const CONNECT_ATTEMPTS = 3;

/**
 * One TCP connection to Redis speaking RESP2, shared by everything that uses the same
 * credential. Commands are pipelined (written at once, answered in order). The connection is
 * opened on first use and again after it drops; commands in flight when it drops fail with a
 * RedisStoreError instead of hanging.
 */
export class RedisConnection {
	private socket: Socket | undefined;

	private ready: Promise<Socket> | undefined;

	private readonly where: string;

	constructor(private readonly options: RedisConnectionOptions) {
		this.where = `Redis at ${options.host}:${options.port}`;
	}

	async command(args: readonly string[]): Promise<RespValue> {
		const socket = await this.connected();
		return await this.send(socket, args);
	}

	close(): void {
		const socket = this.socket;
		this.socket = undefined;
		this.ready = undefined;
		socket?.destroy();
	}

	private async connected(): Promise<Socket> {
		if (this.socket && !this.socket.destroyed) return this.socket;
		this.ready ??= this.connectWithRetry().finally(() => (this.ready = undefined));
		return await this.ready;
	}

	private async connectWithRetry(): Promise<Socket> {
		let lastError: Error | undefined;
		for (let attempt = 0; attempt < CONNECT_ATTEMPTS; attempt++) {
			if (attempt > 0) await sleep(50 * 2 ** attempt);
			const outcome = await this.open().then(
				(socket) => socket,
				(error: Error) => error,
			);
			if (!(outcome instanceof Error)) return outcome;
			lastError = outcome;
			// A refused password or database will be refused again: do not retry those.
			if (/refused (AUTH|SELECT)/.test(outcome.message)) break;
		}
		throw new RedisStoreError(lastError?.message ?? `${this.where}: could not connect`);
	}

	private async open(): Promise<Socket> {
		const socket = await new Promise<Socket>((resolve, reject) => {
			const candidate = connect({ host: this.options.host, port: this.options.port });
			candidate.setNoDelay(true);
			candidate.setTimeout(this.options.connectTimeoutMs ?? 5_000);
			const fail = (error: Error) => {
				candidate.destroy();
				reject(new RedisStoreError(`${this.where}: could not connect (${describe(error)})`));
			};
			candidate.once('error', fail);
			candidate.once('timeout', () => fail(new Error('timed out')));
			candidate.once('connect', () => {
				candidate.off('error', fail);
				candidate.removeAllListeners('timeout');
				resolve(candidate);
			});
		});
		this.attach(socket);
		const { username, password, database } = this.options;
		const handshake: Array<Promise<RespValue>> = [];
		if (password) handshake.push(this.send(socket, username ? ['AUTH', username, password] : ['AUTH', password], 'AUTH'));
		if (database) handshake.push(this.send(socket, ['SELECT', String(database)]));
		const refused = await Promise.all(handshake).then(
			() => undefined,
			(error: Error) => error,
		);
		if (refused) {
			socket.destroy();
			throw new RedisStoreError(refused.message);
		}
		this.socket = socket;
		return socket;
	}

	private attach(socket: Socket): void {
		const parser = new RespParser();
		socket.setTimeout(0);
		socket.unref();
		socket.on('data', (chunk: Buffer) => {
			let replies: RespValue[];
			try {
				replies = parser.push(chunk);
			} catch (error) {
				const reason = error instanceof RespProtocolError ? error.message : String(error);
				socket.destroy(new Error(`protocol error: ${reason}`));
				return;
			}
			for (const reply of replies) this.settle(socket, reply);
		});
		socket.on('timeout', () => socket.destroy(new Error(`no answer within ${this.commandTimeoutMs()} ms`)));
		socket.on('error', () => {});
		socket.on('close', () => {
			if (this.socket === socket) this.socket = undefined;
			const failed = this.pendingOf(socket);
			const error = (socket as Socket & { errored?: Error | null }).errored;
			for (const request of failed) {
				request.reject(
					new RedisStoreError(
						`${this.where}: connection closed before ${request.command} was answered` +
							(error ? ` (${describe(error)})` : ''),
					),
				);
			}
		});
	}

	private readonly bySocket = new WeakMap<Socket, Pending[]>();

	private pendingOf(socket: Socket): Pending[] {
		let queue = this.bySocket.get(socket);
		if (!queue) this.bySocket.set(socket, (queue = []));
		return queue;
	}

	private settle(socket: Socket, reply: RespValue): void {
		const queue = this.pendingOf(socket);
		const request = queue.shift();
		if (queue.length === 0) this.idle(socket);
		if (!request) return;
		if (reply instanceof RespError) {
			request.reject(new RedisStoreError(`${this.where} refused ${request.command}: ${reply.message}`));
		} else {
			request.resolve(reply);
		}
	}

	private send(socket: Socket, args: readonly string[], label?: string): Promise<RespValue> {
		return new Promise<RespValue>((resolve, reject) => {
			const queue = this.pendingOf(socket);
			// The label keeps the command name only: arguments may be passwords or user data.
			queue.push({ resolve, reject, command: label ?? args[0].toUpperCase() });
			if (queue.length === 1) this.busy(socket);
			socket.write(encodeCommand(args));
		});
	}

	/** While replies are owed, keep the process alive and watch for silence. */
	private busy(socket: Socket): void {
		socket.ref();
		socket.setTimeout(this.commandTimeoutMs());
	}

	private idle(socket: Socket): void {
		socket.setTimeout(0);
		socket.unref();
	}

	private commandTimeoutMs(): number {
		return this.options.commandTimeoutMs ?? 5_000;
	}
}

function describe(error: Error): string {
	const code = (error as NodeJS.ErrnoException).code;
	return code ? `${code}: ${error.message}` : error.message;
}
