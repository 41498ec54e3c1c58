import { once } from 'node:events';
import { get, createServer, type Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { agentFor, destroyAgents } from '../../../nodes/shared/http/agents';
import { proxySetting } from '../../../nodes/shared/http/proxy';
import { passthroughEgress } from '../../support/egress';

/**
 * The cap on pools per egress filter (64): when a new origin needs a pool, the least recently
 * used pool without requests in flight makes room; a pool whose answers are still on their way
 * is never destroyed under them, only taken out of the map and closed once it has drained.
 * Servers are real, on loopback; hosts that are never connected to fill the other places.
 */
const MAX = 64;
const proxy = proxySetting({});

/** A server that holds every request until `release()`, then answers `ok`. */
async function holdingServer(): Promise<{ server: Server; url: URL; held: Promise<void>; release: () => void; closed: Promise<void> }> {
	const waiting: ServerResponse[] = [];
	let arrived!: () => void;
	const held = new Promise<void>((resolve) => (arrived = resolve));
	let closedResolve!: () => void;
	const closed = new Promise<void>((resolve) => (closedResolve = resolve));
	const server = createServer((_request, response) => {
		waiting.push(response);
		arrived();
	});
	server.on('connection', (socket: Socket) => socket.on('close', closedResolve));
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	const release = () => {
		for (const response of waiting.splice(0)) response.end('ok');
	};
	return { server, url: new URL(`http://127.0.0.1:${port}/`), held, release, closed };
}

async function fetchText(agent: Agent, url: URL): Promise<string> {
	const response: IncomingMessage = await new Promise((resolve, reject) => get({ host: url.hostname, port: url.port, path: '/', agent }, resolve).on('error', reject));
	let text = '';
	for await (const chunk of response) text += String(chunk);
	return text;
}

const unused = (index: number) => new URL(`https://pool-${index}.invalid/`);

describe('connection pools per egress filter', () => {
	it('evicts the least recently used pool, not the first one created', () => {
		const filter = passthroughEgress();
		try {
			const first = agentFor(filter, unused(0), proxy, 1);
			const second = agentFor(filter, unused(1), proxy, 1);
			for (let index = 2; index < MAX; index++) agentFor(filter, unused(index), proxy, 1);
			expect(agentFor(filter, unused(0), proxy, 1)).toBe(first); // used again: now the most recent
			agentFor(filter, unused(MAX), proxy, 1);
			expect(agentFor(filter, unused(0), proxy, 1)).toBe(first);
			expect(agentFor(filter, unused(1), proxy, 1)).not.toBe(second);
		} finally {
			destroyAgents(filter);
		}
	});

	it('passes over a pool with a request in flight and evicts the next idle one', async () => {
		const filter = passthroughEgress();
		const slow = await holdingServer();
		try {
			const busy = agentFor(filter, slow.url, proxy, 1);
			const answer = fetchText(busy, slow.url);
			await slow.held;
			const idle = agentFor(filter, unused(1), proxy, 1);
			for (let index = 2; index < MAX; index++) agentFor(filter, unused(index), proxy, 1);
			agentFor(filter, unused(MAX), proxy, 1);
			expect(agentFor(filter, slow.url, proxy, 1)).toBe(busy);
			expect(agentFor(filter, unused(1), proxy, 1)).not.toBe(idle);
			slow.release();
			expect(await answer).toBe('ok');
		} finally {
			destroyAgents(filter);
			slow.server.close();
		}
	});

	it('lets a pool that is evicted while every pool is busy finish its answers, then closes its connection', async () => {
		const filter = passthroughEgress();
		const servers = await Promise.all(Array.from({ length: MAX }, () => holdingServer()));
		try {
			const agents = servers.map((each) => agentFor(filter, each.url, proxy, 1));
			const answers = servers.map((each, index) => fetchText(agents[index], each.url));
			await Promise.all(servers.map((each) => each.held));
			const destroyed = jest.spyOn(agents[0], 'destroy');

			agentFor(filter, unused(0), proxy, 1); // the least recently used pool, busy, leaves the map
			expect(agentFor(filter, servers[1].url, proxy, 1)).toBe(agents[1]);
			expect(destroyed).not.toHaveBeenCalled();

			for (const each of servers) each.release();
			expect(await Promise.all(answers)).toEqual(servers.map(() => 'ok'));
			// Its connection is closed once the answer is complete instead of going back to a pool nobody uses.
			await servers[0].closed;
			await new Promise((resolve) => setImmediate(resolve));
			expect(destroyed).toHaveBeenCalled();
			expect(Object.keys(agents[0].freeSockets)).toEqual([]);
			expect(agents[1].freeSockets[Object.keys(agents[1].freeSockets)[0]]?.length).toBe(1);
		} finally {
			destroyAgents(filter);
			for (const each of servers) each.server.close();
		}
	});
});
