import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A real forward proxy on 127.0.0.1 for tests and benchmarks: HTTPS targets through CONNECT
 * tunnels, plain HTTP targets through absolute-form requests, each one counted by target, so a
 * test can prove which requests went through the proxy (HTTPS_PROXY / HTTP_PROXY) and which
 * went direct (NO_PROXY). Built on node:http and node:net only.
 */
export class ForwardProxy {
	/** CONNECT requests per `host:port` (one per tunnelled connection, not per request in it). */
	readonly connects = new Map<string, number>();

	/** Absolute-form HTTP requests per `host:port`. */
	readonly forwarded = new Map<string, number>();

	private readonly sockets = new Set<Socket>();

	private constructor(private readonly server: Server) {}

	static async start(): Promise<ForwardProxy> {
		const server = createServer();
		const proxy = new ForwardProxy(server);
		server.on('connection', (socket: Socket) => {
			proxy.sockets.add(socket);
			socket.on('close', () => proxy.sockets.delete(socket));
		});
		server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => proxy.tunnel(request, client, head));
		server.on('request', (request, response) => {
			const target = new URL(request.url ?? '/');
			count(proxy.forwarded, target.host);
			const upstream = httpRequest(target, { method: request.method, headers: request.headers }, (answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			});
			upstream.on('error', () => response.destroy());
			request.pipe(upstream);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		return proxy;
	}

	/** `http://127.0.0.1:<port>`, for HTTPS_PROXY / HTTP_PROXY. */
	get url(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	/** CONNECTs to one target, `host:port`. */
	connectsTo(target: string): number {
		return this.connects.get(target) ?? 0;
	}

	get totalConnects(): number {
		return [...this.connects.values()].reduce((sum, each) => sum + each, 0);
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private tunnel(request: IncomingMessage, client: Socket, head: Buffer): void {
		const target = request.url ?? '';
		count(this.connects, target);
		const [host, port] = splitHostPort(target);
		const upstream = connect(port, host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length) upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		this.sockets.add(upstream);
		upstream.on('close', () => this.sockets.delete(upstream));
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	}
}

function count(map: Map<string, number>, key: string): void {
	map.set(key, (map.get(key) ?? 0) + 1);
}

function splitHostPort(target: string): [string, number] {
	const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
	return match ? [match[1], Number(match[2])] : [target, 443];
}
