/**
 * A delivery's claims follow n8n's answer on the wire (real HTTP on loopback): confirmed after a
 * 200, released after an error answer or a connection that closed before any answer.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { deduplicate, runPipeline, type ChatEvent } from '../../../nodes/shared/ingestion';
import { MemoryStore } from '../../../nodes/shared/store';
import { settleWhenAnswered } from '../../../nodes/shared/trigger/handover';
import { fixtureBytes, secretsFor, signedRequest } from '../../support/webhookFixtures';

const events = (): ChatEvent[] => runPipeline(signedRequest('whatsapp', fixtureBytes('whatsapp', 'text')), { channel: 'whatsapp', secrets: secretsFor('whatsapp') }).events;

/**
 * One request to a server that claims the events and answers as `respond` says; with
 * `clientGivesUpMs` the client aborts (as the platform's timeout would). Resolves once the
 * server saw the connection close and the claims were settled.
 */
async function deliverThrough(kv: MemoryStore, respond: (res: ServerResponse) => void, clientGivesUpMs?: number): Promise<void> {
	const warnings: string[] = [];
	let server: Server | undefined;
	const closed = new Promise<void>((resolve) => {
		server = createServer(async (_req, res) => {
			const { claims } = await deduplicate(events(), kv, 60_000, 's:');
			settleWhenAnswered(res, claims, (message) => warnings.push(message));
			res.once('close', () => resolve());
			respond(res);
		});
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	const { port } = server!.address() as AddressInfo;
	const signal = clientGivesUpMs === undefined ? undefined : AbortSignal.timeout(clientGivesUpMs);
	await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', signal })
		.then(async (answer) => await answer.arrayBuffer())
		.catch(() => undefined);
	await closed;
	server!.closeAllConnections();
	await new Promise((resolve) => server!.close(resolve));
	// The memory store settles a few microtasks after 'close'.
	await new Promise((resolve) => setImmediate(resolve));
	expect(warnings).toEqual([]);
}

describe('handing a delivery over: claims follow the answer', () => {
	let kv: MemoryStore;
	beforeEach(() => (kv = new MemoryStore(`handover-${Math.random()}:`, new Map())));
	const redelivery = async () => await deduplicate(events(), kv, 60_000, 's:');

	it('confirms after a 200: a redelivery is a duplicate', async () => {
		await deliverThrough(kv, (res) => res.writeHead(200).end('OK'));
		expect(await redelivery()).toMatchObject({ fresh: [], duplicates: 1, inFlight: 0 });
	});

	it('releases after an error answer (n8n could not queue the execution): a redelivery is processed', async () => {
		await deliverThrough(kv, (res) => res.writeHead(500).end('{"code":500}'));
		expect((await redelivery()).fresh).toHaveLength(1);
	});

	it('releases when the connection closed before any answer: a redelivery is processed', async () => {
		await deliverThrough(kv, () => undefined, 50); // never answers; the client gives up
		expect((await redelivery()).fresh).toHaveLength(1);
	});
});
