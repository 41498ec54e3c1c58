/**
 * What `npm run dev` does with the simulator, against the real n8n: the first link creates the
 * credentials and the example workflows and the first "hi" is answered by n8n at once; a second
 * start (a new dev session on the same folder) reuses them instead of creating duplicates.
 * Driven through the simulator's HTTP API, no browser.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { SimulatorLink } from '../../simulator/n8n/connect';
import { startDevSimulator, type DevSimulator } from '../../scripts/simulatorDev';
import { connectE2e, type E2eContext } from './support/n8n';

interface Journal {
	entries: Array<{ type: string; message?: { direction: string; contactId: string; payload: Record<string, any> } }>;
}

describe('npm run dev: simulator linked to n8n', () => {
	let n8n: E2eContext;
	const folder = mkdtempSync(join(tmpdir(), 'chatflow-dev-sim-'));
	const lines: string[] = [];
	let dev: DevSimulator | undefined;

	beforeAll(async () => {
		n8n = await connectE2e();
		process.env.CHATFLOW_SIMULATOR_PORT = '0';
	});

	afterAll(async () => {
		await dev?.close();
		const link = JSON.parse(readFileSync(join(folder, 'simulator-link.json'), 'utf8')) as SimulatorLink;
		for (const id of link.workflowIds) await n8n.api.deactivate(id).catch(() => undefined);
	});

	it('creates credentials and example workflows; the first "hi" is answered within seconds', async () => {
		const started = Date.now();
		dev = await startDevSimulator(folder, (line) => lines.push(line));
		await dev.link(n8n.api);
		const url = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(lines.join('\n'))?.[1];
		expect(url).toBeDefined();
		expect(lines.some((line) => line.startsWith('created the simulator credentials'))).toBe(true);

		const sent = await fetch(`${url}/_sim/api/send`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ channel: 'whatsapp', contactId: '4915112345678', input: { kind: 'text', text: 'hi' } }),
		});
		expect(((await sent.json()) as { status: string }).status).toBe('delivered');
		let reply: Record<string, any> | undefined;
		while (!reply && Date.now() - started < 60_000) {
			const journal = (await (await fetch(`${url}/_sim/api/state`)).json()) as Journal;
			reply = journal.entries.find((entry) => entry.type === 'message' && entry.message?.direction === 'out')?.message?.payload;
			if (!reply) await new Promise((resolve) => setTimeout(resolve, 200));
		}
		process.stdout.write(`[simulator dev e2e] linked and first reply in ${Date.now() - started} ms\n`);
		expect(reply).toMatchObject({ type: 'interactive', to: '4915112345678', interactive: { type: 'button' } });
	});

	it('reuses what it created when dev starts again on the same folder', async () => {
		const first = JSON.parse(readFileSync(join(folder, 'simulator-link.json'), 'utf8')) as SimulatorLink;
		await dev?.close();
		lines.length = 0;
		process.env.CHATFLOW_SIMULATOR_PORT = new URL(first.simulatorUrl).port;
		dev = await startDevSimulator(folder, (line) => lines.push(line));
		await dev.link(n8n.api);
		expect(lines.some((line) => line.startsWith('created'))).toBe(false);
		const second = JSON.parse(readFileSync(join(folder, 'simulator-link.json'), 'utf8')) as SimulatorLink;
		expect(second.workflowIds).toEqual(first.workflowIds);
	});
});
